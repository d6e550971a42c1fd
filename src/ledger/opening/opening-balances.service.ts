import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { formatAmount, ZERO } from '../../common/money/amount';
import { formatPeriod } from '../../common/period';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../common/http/actor.decorator';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { validateOpeningBalances } from '../domain/opening-balances.rules';
import { LedgerError } from '../ledger.errors';
import { toLineInputs } from '../vouchers/voucher.mapper';
import { OpeningBalancesResponse, SetOpeningBalancesDto } from './dto/opening-balances.dto';

interface StoredOpening {
  accountCode: string;
  accountName: string;
  amount: string;
}

/**
 * 期初余额 of the union's first period. Entered as a whole and replaced as a whole until the first voucher
 * posts (or the first period closes); from then on they are part of the books and locked.
 */
@Injectable()
export class OpeningBalancesService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly audit: AuditService,
  ) {}

  async get(unionId: string): Promise<OpeningBalancesResponse> {
    const em = this.db.manager;
    const union = await this.books.findUnion(em, unionId, { forWrite: false });
    return this.describe(em, unionId, union.firstPeriod, await this.isLocked(em, unionId, union.firstPeriod));
  }

  set(unionId: string, dto: SetOpeningBalancesDto, actor: Actor): Promise<OpeningBalancesResponse> {
    const lines = toLineInputs(dto.lines.map((l) => ({ ...l, summary: '期初余额' })));
    return this.db.transaction(async (em) => {
      const union = await this.books.lockPosting(em, unionId, { forWrite: true });
      if (await this.isLocked(em, unionId, union.firstPeriod)) {
        throw new LedgerError('OPENING_BALANCES_LOCKED', '已有过账凭证或启用期间已结账，期初余额已锁定');
      }
      const ctx = await this.books.voucherContext(em, unionId, {
        period: union.firstPeriod,
        accountCodes: lines.map((l) => l.accountCode),
        projectCodes: [],
      });
      const amounts = validateOpeningBalances(lines, ctx.accounts);
      const codes = [...amounts.keys()];
      const values = codes.map((c) => amounts.get(c)!.toFixed(2));
      const before = await this.describe(em, unionId, union.firstPeriod, false);
      // The first period's balance rows follow by trigger (the service role cannot write balances).
      await em.query(`DELETE FROM opening_balances WHERE union_id = $1`, [unionId]);
      await em.query(
        `INSERT INTO opening_balances (union_id, account_code, amount)
         SELECT $1, c, a FROM unnest($2::text[], $3::numeric[]) AS x(c, a)`,
        [unionId, codes, values],
      );
      const after = await this.describe(em, unionId, union.firstPeriod, false);
      await this.audit.record(em, actor, [
        { unionId, action: 'opening.set', entityType: 'opening_balances', entityId: unionId, before: before.lines, after: after.lines },
      ]);
      return after;
    });
  }

  private async isLocked(em: EntityManager, unionId: string, firstPeriod: number): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM vouchers WHERE union_id = $1)
                   OR EXISTS (SELECT 1 FROM periods WHERE union_id = $1 AND period = $2 AND status = 'closed')`,
      [unionId, firstPeriod],
    );
    return rows.length > 0;
  }

  private async describe(em: EntityManager, unionId: string, firstPeriod: number, locked: boolean): Promise<OpeningBalancesResponse> {
    const rows: StoredOpening[] = await em.query(
      `SELECT o.account_code AS "accountCode", a.name AS "accountName", o.amount
         FROM opening_balances o JOIN accounts a ON a.union_id = o.union_id AND a.code = o.account_code
        WHERE o.union_id = $1 ORDER BY o.account_code`,
      [unionId],
    );
    let debit = ZERO;
    let credit = ZERO;
    const lines = rows.map((r) => {
      const amount = new Decimal(r.amount);
      if (amount.gt(0)) debit = debit.plus(amount);
      else credit = credit.minus(amount);
      return {
        account: r.accountCode,
        accountName: r.accountName,
        debit: amount.gt(0) ? formatAmount(amount) : null,
        credit: amount.lt(0) ? formatAmount(amount.negated()) : null,
      };
    });
    return { period: formatPeriod(firstPeriod), locked, lines, totalDebit: formatAmount(debit), totalCredit: formatAmount(credit) };
  }
}
