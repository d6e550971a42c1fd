import { Injectable } from '@nestjs/common';
import { ClaimsService } from '../claims/claims.service';
import { notFound } from '../common/errors/common.errors';
import { Database } from '../database/database.service';
import { localTime } from '../exports/xlsx/audit-workbook';
import { LedgerClock } from '../ledger/ledger.clock';
import { drawClaim } from './pdf/claim.drawing';
import { PrintRepository } from './print.repository';

/** 支出审批单: one claim as the union prints and files it, from the same read as `GET …/claims/{id}`. */
@Injectable()
export class ClaimPrintService {
  constructor(
    private readonly db: Database,
    private readonly claims: ClaimsService,
    private readonly repo: PrintRepository,
    private readonly clock: LedgerClock,
  ) {}

  async pdf(unionId: string, claimId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const claim = await this.claims.get(unionId, claimId);
    const unit = await this.repo.unit(this.db.manager, unionId);
    if (!unit) throw notFound('工会', { unionId });
    const [account]: { name: string }[] = await this.db.manager.query(`SELECT name FROM accounts WHERE union_id = $1 AND code = $2`, [unionId, claim.expenseAccount]);
    const { pdf } = await drawClaim({
      claim,
      unitName: unit.name,
      centerName: unit.centerName,
      expenseAccountName: account?.name ?? null,
      local: (iso) => localTime(iso, this.clock.zone),
      printedAt: localTime(new Date(), this.clock.zone),
    });
    return { fileName: `支出审批单-${claim.number}.pdf`, pdf };
  }
}
