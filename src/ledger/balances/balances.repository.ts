import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { firstDayOf, lastDayOf } from '../../common/period';
import { ChartNode, Figures } from '../domain/trial-balance.rules';
import { voucherTypeRank } from '../domain/voucher-type';

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
  lines: number;
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

  /**
   * Posted activity and line count per period of the given leaves, for the months that have entries — from
   * the totals kept at posting (account_period_totals), never from the lines.
   */
  async activityByPeriod(em: EntityManager, unionId: string, codes: string[], from: number, to: number): Promise<PeriodActivity[]> {
    const rows: { period: number; debit: string; credit: string; lines: number }[] = await em.query(
      `SELECT period, sum(debit) AS debit, sum(credit) AS credit, sum(lines)::int AS lines
         FROM account_period_totals
        WHERE union_id = $1 AND account_code = ANY($2::text[]) AND period BETWEEN $3 AND $4
        GROUP BY period HAVING sum(lines) > 0 ORDER BY period`,
      [unionId, codes, from, to],
    );
    return rows.map((r) => ({ period: r.period, debit: dec(r.debit), credit: dec(r.credit), lines: r.lines }));
  }

  /**
   * A page of the lines of the given leaves over [from, to], with the running sum of debit − credit since
   * the start of `from`. The page is placed by the line counts kept per period: the months before it are
   * added from their totals. Inside the months the page falls in, the account index (union, account, date)
   * gives the dates of the page's first and last lines; the lines of earlier days are only counted and
   * summed, and only the lines of the page's own days are joined to their vouchers and sorted — a page costs
   * its days' lines, not its month's (a busy union posts thousands of lines to its bank account a month).
   */
  async ledgerLines(
    em: EntityManager,
    unionId: string,
    codes: string[],
    from: number,
    to: number,
    page: { limit: number; offset: number },
  ): Promise<{ lines: LedgerLine[]; total: number }> {
    const periods = await this.activityByPeriod(em, unionId, codes, from, to);
    const total = periods.reduce((n, p) => n + p.lines, 0);
    let before = 0;
    let base = new Decimal(0);
    let first = 0;
    for (; first < periods.length && before + periods[first].lines <= page.offset; first++) {
      before += periods[first].lines;
      base = base.plus(periods[first].debit).minus(periods[first].credit);
    }
    if (first === periods.length || page.limit <= 0) return { lines: [], total };
    let last = first;
    for (let upto = before + periods[first].lines; last + 1 < periods.length && upto < page.offset + page.limit; ) upto += periods[++last].lines;
    // the days the page spans, and what comes before them in its first month: counted and summed from whichever
    // side of the month is shorter (the lines after, taken from the month's kept totals), read from the index
    const month = periods[first];
    const into = page.offset - before;
    const fromEnd = into > month.lines / 2;
    const [days]: { lo: string | null; hi: string | null; n: number; s: string }[] = await em.query(
      `WITH w AS (SELECT l.voucher_date AS d FROM voucher_lines l
                   WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
                   ORDER BY l.voucher_date OFFSET $5 LIMIT $6),
            b AS (SELECT min(d) AS lo, max(d) AS hi FROM w)
       SELECT to_char(b.lo, 'YYYY-MM-DD') AS lo, to_char(b.hi, 'YYYY-MM-DD') AS hi, p.n, p.s
         FROM b CROSS JOIN LATERAL (
              SELECT count(*)::int AS n, coalesce(sum(l.debit - l.credit), 0)::text AS s FROM voucher_lines l
               WHERE l.union_id = $1 AND l.account_code = ANY($2::text[])
                 AND ${fromEnd ? 'l.voucher_date >= b.lo AND l.voucher_date <= $7' : 'l.voucher_date >= $3 AND l.voucher_date < b.lo'}) p`,
      [unionId, codes, firstDayOf(month.period), lastDayOf(periods[last].period), into, page.limit, ...(fromEnd ? [lastDayOf(month.period)] : [])],
    );
    if (!days?.lo || !days.hi) return { lines: [], total };
    const earlier = fromEnd
      ? { n: month.lines - days.n, net: month.debit.minus(month.credit).minus(dec(days.s)) }
      : { n: days.n, net: dec(days.s) };
    base = base.plus(earlier.net);
    const skip = into - earlier.n;
    const rows: (Omit<LedgerLine, 'debit' | 'credit' | 'running'> & { debit: string; credit: string; running: string })[] = await em.query(
      `SELECT * FROM (
         SELECT x.*, sum(x.debit - x.credit) OVER (ORDER BY x.date, ${voucherTypeRank('x.type')}, x.number, x."lineNo" ROWS UNBOUNDED PRECEDING) AS running
           FROM (SELECT l.voucher_date AS date, v.id AS "voucherId", v.voucher_type AS type, v.period, v.number, l.line_no AS "lineNo",
                        l.summary, l.account_code AS "accountCode", l.debit, l.credit
                   FROM voucher_lines l JOIN vouchers v ON v.union_id = l.union_id AND v.id = l.voucher_id
                  WHERE l.union_id = $1 AND l.account_code = ANY($2::text[]) AND l.voucher_date BETWEEN $3 AND $4
                  ORDER BY l.voucher_date, ${voucherTypeRank('v.voucher_type')}, v.number, l.line_no
                  LIMIT $5) x
        ) y
        ORDER BY date, ${voucherTypeRank('type')}, number, "lineNo"
        OFFSET $6`,
      [unionId, codes, days.lo, days.hi, skip + page.limit, skip],
    );
    return {
      total,
      lines: rows.map((r) => ({ ...r, debit: dec(r.debit), credit: dec(r.credit), running: base.plus(dec(r.running)) })),
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
