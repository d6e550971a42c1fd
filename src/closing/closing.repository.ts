import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { lastDayOf } from '../common/period';
import { categoryOfCode, defaultFundType, FundType } from '../ledger/domain/account-rules';
import { UnclosedBalance } from './domain/period-closing.rules';
import { NetAssetBalance } from './domain/year-end.rules';

export type ClosingMode = 'monthly' | 'yearly';
export type BudgetControl = 'off' | 'warn' | 'block';

export interface BooksSettings {
  centerId: string;
  closingMode: ClosingMode;
  budgetControl: BudgetControl;
  updatedAt: Date | null;
}

/** What closing reads from a union's books: the figures it empties, and whatever stops a month from closing. */
@Injectable()
export class ClosingRepository {
  /**
   * Every income and expense balance still open at the end of `period`, per account, project and fund type:
   * the opening balances and all posted lines up to that month (earlier closings included, so a closed
   * month contributes nothing).
   */
  async unclosedBalances(em: EntityManager, unionId: string, period: number): Promise<UnclosedBalance[]> {
    const rows: { code: string; project: string | null; fundType: string | null; balance: string }[] = await em.query(
      `SELECT code, project, "fundType", sum(amount) AS balance
         FROM (SELECT t.account_code AS code, nullif(t.project_code, '') AS project, nullif(t.fund_type, '') AS "fundType", t.debit - t.credit AS amount
                 FROM account_period_totals t
                WHERE t.union_id = $1 AND t.period <= $2 AND left(t.account_code, 1) IN ('4', '5')
               UNION ALL
               SELECT o.account_code, o.project_code, CASE WHEN o.project_code IS NOT NULL THEN 'restricted' END, o.amount
                 FROM opening_balances o
                WHERE o.union_id = $1 AND left(o.account_code, 1) IN ('4', '5')) x
        GROUP BY 1, 2, 3
       HAVING sum(amount) <> 0`,
      [unionId, period],
    );
    return rows.map((r) => ({
      accountCode: r.code,
      category: categoryOfCode(r.code) as 'income' | 'expense',
      projectCode: r.project,
      fundType: (r.fundType as FundType | null) ?? defaultFundType(r.code),
      balance: new Decimal(r.balance),
    }));
  }

  /** Balances of the 321 and 322 sub-accounts at the end of `period`, per project. */
  async netAssetBalances(em: EntityManager, unionId: string, period: number): Promise<NetAssetBalance[]> {
    const rows: { code: string; project: string | null; balance: string }[] = await em.query(
      `SELECT code, project, sum(amount) AS balance
         FROM (SELECT t.account_code AS code, nullif(t.project_code, '') AS project, t.debit - t.credit AS amount
                 FROM account_period_totals t
                WHERE t.union_id = $1 AND t.period <= $2 AND left(t.account_code, 3) IN ('321', '322')
               UNION ALL
               SELECT o.account_code, o.project_code, o.amount
                 FROM opening_balances o WHERE o.union_id = $1 AND left(o.account_code, 3) IN ('321', '322')) x
        GROUP BY 1, 2`,
      [unionId, period],
    );
    return rows.map((r) => ({ accountCode: r.code, projectCode: r.project, balance: new Decimal(r.balance) }));
  }

  /** The month's closing vouchers that still stand: neither reversed nor reversals themselves. */
  async standingClosingVouchers(em: EntityManager, unionId: string, period: number): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT v.id FROM vouchers v
        WHERE v.union_id = $1 AND v.period = $2 AND v.source = 'closing'
          AND NOT EXISTS (SELECT 1 FROM voucher_reversals r WHERE r.union_id = v.union_id AND (r.original_id = v.id OR r.reversal_id = v.id))
        ORDER BY v.voucher_type, v.number`,
      [unionId, period],
    );
    return rows.map((r) => r.id);
  }

  /** Approved or reviewed claims with an event on or before the month's end, still waiting for payment. */
  async claimsAwaitingPayment(em: EntityManager, unionId: string, period: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM claims WHERE union_id = $1 AND status IN ('approved', 'reviewed', 'checked', 'paid') AND event_date <= $2`,
      [unionId, lastDayOf(period)],
    );
    return n;
  }

  async settings(em: EntityManager, centerId: string): Promise<BooksSettings> {
    const rows: { closingMode: ClosingMode; budgetControl: BudgetControl; updatedAt: Date }[] = await em.query(
      `SELECT closing_mode AS "closingMode", budget_control AS "budgetControl", updated_at AS "updatedAt"
         FROM center_books_settings WHERE center_id = $1`,
      [centerId],
    );
    return { centerId, closingMode: rows[0]?.closingMode ?? 'monthly', budgetControl: rows[0]?.budgetControl ?? 'off', updatedAt: rows[0]?.updatedAt ?? null };
  }

  async saveSettings(em: EntityManager, centerId: string, s: Pick<BooksSettings, 'closingMode' | 'budgetControl'>, actorId: string | null): Promise<void> {
    await em.query(
      `INSERT INTO center_books_settings (center_id, closing_mode, budget_control, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (center_id) DO UPDATE SET closing_mode = excluded.closing_mode, budget_control = excluded.budget_control,
                                              updated_at = now(), updated_by = excluded.updated_by`,
      [centerId, s.closingMode, s.budgetControl, actorId],
    );
  }

  async centerOf(em: EntityManager, unionId: string): Promise<string> {
    const [row]: { centerId: string }[] = await em.query(`SELECT center_id AS "centerId" FROM unions WHERE id = $1`, [unionId]);
    return row.centerId;
  }
}
