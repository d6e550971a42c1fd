import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { BankAccountsService } from '../banking/accounts/bank-accounts.service';
import { ReconciliationRepository } from '../banking/reconciliation/reconciliation.repository';
import { ReconciliationService } from '../banking/reconciliation/reconciliation.service';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { localTime } from '../exports/xlsx/audit-workbook';
import { LedgerClock } from '../ledger/ledger.clock';
import { reconciliationForm } from './domain/reconciliation-form';
import { drawReconciliation } from './pdf/reconciliation.drawing';

/** 银行存款余额调节表 as PDF: the very figures of `GET …/reconciliation`, laid out as the printed form. */
@Injectable()
export class ReconciliationPrintService {
  constructor(
    private readonly db: Database,
    private readonly reconciliation: ReconciliationService,
    private readonly accounts: BankAccountsService,
    private readonly signOffs: ReconciliationRepository,
    private readonly audit: AuditService,
    private readonly clock: LedgerClock,
  ) {}

  async pdf(centerId: string, bankAccountId: string, at: { period?: string; date?: string }, actor: Actor): Promise<{ fileName: string; pdf: Buffer }> {
    const em = this.db.manager;
    const r = await this.reconciliation.statement(centerId, bankAccountId, at);
    const account = await this.accounts.require(em, centerId, bankAccountId);
    const [center]: { name: string; chiefAccountant: string | null }[] = await em.query(
      `SELECT c.name, s.chief_accountant AS "chiefAccountant" FROM centers c LEFT JOIN center_ledger_settings s ON s.center_id = c.id WHERE c.id = $1`,
      [centerId],
    );
    const signed = await this.signOffs.last(em, centerId, bankAccountId, r.date);
    const form = reconciliationForm(r, {
      unitName: center.name,
      bankName: [account.bankName, account.branch].filter(Boolean).join(' ') || '（未登记）',
      accountNo: account.accountNo ?? '（未登记）',
      accountName: account.accountName ?? '',
      chiefAccountant: center.chiefAccountant,
      reviewer: signed ? { name: signed.signedByName, at: localTime(signed.signedAt, this.clock.zone), through: signed.throughDate } : null,
      preparer: actor.name,
      printedAt: localTime(new Date(), this.clock.zone),
    });
    const { pdf } = await drawReconciliation(form);
    await this.audit.record(em, actor, [
      { unionId: null, action: 'export.download', entityType: 'bank-account', entityId: bankAccountId, after: { centerId, kind: 'bank-reconciliation', format: 'pdf', date: r.date } },
    ]);
    return { fileName: `银行存款余额调节表-${account.accountNo ?? bankAccountId}-${r.date}.pdf`, pdf };
  }
}
