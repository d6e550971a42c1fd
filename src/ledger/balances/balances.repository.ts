import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { firstDayOf, lastDayOf } from '../../common/period';
import { ChartNode, Figures } from '../domain/trial-balance.rules';

export interface LedgerLine {
  date: string;
  voucherId: string;
  type: string;
  period: number;
  number: number;
  lineNo: number;
  summary: string;
  accountCode: string;
  debit: Decimal;
  credit: Decimal;
  running: Decimal;
}

export interface PeriodActivity {
  period: number;
  debit: Decimal;
  credit: Decimal;
}

const dec = (v: string | null | undefined) => new Decimal(v ?? 0);

/**
 * Reads of the maintained balances. A leaf's opening at period P is the closing of its latest row before P,
 * else the opening of its first row from P on (which carries the 期初余额), else zero.
 */
@Injectable()
export class BalancesRepository {
  async chart(em: EntityManager, unionId: string): Promise<ChartNode[]> {
    return em.query(
      `SELECT code, name, level, parent_code AS "parentCode", category, normal_side AS "normalSide", is_leaf AS "isLeaf"
         FROM accounts WHERE union_id = $1 ORDER BY code`,
      [unionId],
    );
  }

  /** Opening, activity and closing of every leaf over [from, to]. */
  async leafFigures(em: EntityManager, unionId: string, from: number, to: number, codes?: string[]): Promise<Map<string, Figures>> {
    const rows: { code: string; opening: string; debit: string; credit: string }[] = await em.query(
      `SELECT a.code,
              coalesce((SELECT b.closing FROM account_balances b
                         WHERE b.union_id = a.union_id AND b.account_code = a.code AND b.period < $2
                         ORDER BY b.period DESC LIMIT 1),
                       (SELECT b.opening FROM account_balances b
                         WHERE b.union_id = a.union_id AND b.account_code = a.code AND b.period >= $2
                         ORDER BY b.period LIMIT 1), 0) AS opening,
              coalesce(sum(r.debit), 0) AS debit,
              coalesce(sum(r.credit), 0) AS credit
         FROM accounts a
         LEFT JOIN account_balances r ON r.union_id = a.union_id AND r.account_code = a.code AND r.period BETWEEN $2 AND $3
        WHERE a.union_id = $1 AND a.is_leaf AND ($4::text[] IS NULL OR a.code = ANY($4::text[]))
        GROUP BY a.union_id, a.code`,
      [unionId, from, to, codes ?? null],
    );
    return new Map(
      rows.map((r) => {
        const opening = dec(r.opening);
        const debit = dec(r.debit);
        const credit = dec(r.credit);
        return [r.code, { opening, debit, credit, closing: opening.plus(debit).minus(credit) }];
      }),
    );
  }

  /** Posted activity per period of the given leaves, for the months that have entries. */
  async activityByPeriod(em: EntityManager, unionId: string, codes: string[], from: number, to: number): Promise<PeriodActivity[]> {
    const rows: { period: number; debit: string; credit: string }[] = await em.query(
      `SELECT ledger_period_of(l.voucher_date) AS period, sum(l.debit) AS debit, sum(l.credit) AS credit
         FROM voucher_lines l
        WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
        GROUP BY 1 ORDER BY 1`,
      [unionId, codes, firstDayOf(from), lastDayOf(to)],
    );
    return rows.map((r) => ({ period: r.period, debit: dec(r.debit), credit: dec(r.credit) }));
  }

  /** Lines of the given leaves between two dates, with the running sum of debit − credit. */
  async ledgerLines(
    em: EntityManager,
    unionId: string,
    codes: string[],
    fromDate: string,
    toDate: string,
    page: { limit: number; offset: number },
  ): Promise<{ lines: LedgerLine[]; total: number }> {
    const params = [unionId, codes, fromDate, toDate];
    const [{ n }]: { n: string }[] = await em.query(
      `SELECT count(*) AS n FROM voucher_lines l
        WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4`,
      params,
    );
    const rows: (Omit<LedgerLine, 'debit' | 'credit' | 'running'> & { debit: string; credit: string; running: string })[] =
      await em.query(
        `SELECT * FROM (
           SELECT l.voucher_date AS date, v.id AS "voucherId", v.voucher_type AS type, v.period, v.number, l.line_no AS "lineNo",
                  l.summary, l.account_code AS "accountCode", l.debit, l.credit,
                  sum(l.debit - l.credit) OVER (ORDER BY l.voucher_date, v.voucher_type, v.number, l.line_no
                                                ROWS UNBOUNDED PRECEDING) AS running
             FROM voucher_lines l JOIN vouchers v ON v.union_id = l.union_id AND v.id = l.voucher_id
            WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
             ) x
          ORDER BY date, type, number, "lineNo"
          LIMIT $5 OFFSET $6`,
        [...params, page.limit, page.offset],
      );
    return {
      total: Number(n),
      lines: rows.map((r) => ({ ...r, debit: dec(r.debit), credit: dec(r.credit), running: dec(r.running) })),
    };
  }

  /** Σ(debit − credit) of the lines of the given leaves between two dates. */
  async netBetween(em: EntityManager, unionId: string, codes: string[], fromDate: string, toDate: string): Promise<Decimal> {
    const [{ net }]: { net: string | null }[] = await em.query(
      `SELECT sum(l.debit - l.credit) AS net
         FROM voucher_lines l
        WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4`,
      [unionId, codes, fromDate, toDate],
    );
    return dec(net);
  }

  /** The funding account's latest posted balance and the union's open reservations on it. */
  /** The union's default share of a pooled bank account (by the mapping): balance and open reservations. */
  async funds(em: EntityManager, unionId: string): Promise<{ account: string | null; balance: Decimal; reserved: Decimal }> {
    const [row]: { account: string | null; balance: string | null; reserved: string | null }[] = await em.query(
      `SELECT s.code AS account, f.balance, f.reserved
         FROM (SELECT bank_default_share($1) AS code) s LEFT JOIN LATERAL ledger_funds($1, s.code) f ON s.code IS NOT NULL`,
      [unionId],
    );
    return { account: row.account, balance: dec(row.balance), reserved: dec(row.reserved) };
  }

}
