import Decimal from 'decimal.js';
import { nextPeriod } from '../common/period';
import { Snapshot } from '../exports/snapshot';
import { formatVoucherNumber, VoucherType } from '../ledger/domain/voucher-type';
import { AccountRow, PeriodFigures, StatementRow, VoucherLineRow, VoucherRow } from './domain/gbt-records';

export interface UnionHeader {
  code: string;
  name: string;
  centerName: string;
  chartTemplate: string;
  numbering: string;
  firstPeriod: number;
}

export interface OpeningRow {
  code: string;
  projectCode: string | null;
  balance: Decimal;
}

/**
 * The reads of an interchange export, all inside one REPEATABLE READ snapshot. What grows with the books
 * (vouchers and their lines) comes through a cursor; what is bounded by the chart and the months is read whole.
 */
export class InterchangeReader {
  constructor(
    private readonly snap: Snapshot,
    private readonly unionId: string,
  ) {}

  async union(): Promise<UnionHeader | undefined> {
    const [u] = await this.snap.query<UnionHeader>(
      `SELECT u.code, u.name, c.name AS "centerName", u.chart_template AS "chartTemplate", u.voucher_numbering AS numbering,
              u.first_period AS "firstPeriod"
         FROM unions u JOIN centers c ON c.id = u.center_id WHERE u.id = $1`,
      [this.unionId],
    );
    return u;
  }

  async periodStatuses(from: number, to: number): Promise<{ period: number; status: string }[]> {
    const rows = await this.snap.query<{ period: number; status: string }>(
      `SELECT period, status FROM periods WHERE union_id = $1 AND period BETWEEN $2 AND $3`,
      [this.unionId, from, to],
    );
    const status = new Map(rows.map((r) => [Number(r.period), r.status]));
    const out: { period: number; status: string }[] = [];
    for (let p = from; p <= to; p = nextPeriod(p)) out.push({ period: p, status: status.get(p) ?? 'open' });
    return out;
  }

  projects(): Promise<{ code: string; name: string; isActive: boolean }[]> {
    return this.snap.query(`SELECT code, name, is_active AS "isActive" FROM projects WHERE union_id = $1 ORDER BY code`, [this.unionId]);
  }

  chart(): Promise<AccountRow[]> {
    return this.snap.query(
      `SELECT code, name, level, parent_code AS "parentCode", category, normal_side AS "normalSide", is_leaf AS "isLeaf",
              is_active AS "isActive", is_standard AS "isStandard"
         FROM accounts WHERE union_id = $1 ORDER BY code`,
      [this.unionId],
    );
  }

  /** Each leaf's (and project's) balance at the start of `from`: the 期初余额 plus all posted activity before. */
  async openings(from: number): Promise<OpeningRow[]> {
    const rows = await this.snap.query<{ code: string; project: string; balance: string }>(
      `SELECT account_code AS code, project AS project, sum(amount) AS balance
         FROM (SELECT account_code, coalesce(project_code, '') AS project, amount FROM opening_balances WHERE union_id = $1
               UNION ALL
               SELECT account_code, project_code, debit - credit FROM account_period_totals WHERE union_id = $1 AND period < $2) x
        GROUP BY account_code, project
       HAVING sum(amount) <> 0
        ORDER BY account_code, project`,
      [this.unionId, from],
    );
    return rows.map((r) => ({ code: r.code, projectCode: r.project === '' ? null : r.project, balance: new Decimal(r.balance) }));
  }

  /**
   * 科目余额及发生额 of every account (every level: a parent is the sum of its leaves) and month of the range,
   * for the accounts that have a balance or activity that month.
   */
  async periodFigures(chart: AccountRow[], openings: OpeningRow[], from: number, to: number): Promise<PeriodFigures[]> {
    const activity = await this.snap.query<{ code: string; period: number; debit: string; credit: string }>(
      `SELECT account_code AS code, period, sum(debit) AS debit, sum(credit) AS credit
         FROM account_period_totals WHERE union_id = $1 AND period BETWEEN $2 AND $3
        GROUP BY account_code, period`,
      [this.unionId, from, to],
    );
    const running = new Map<string, Decimal>(chart.map((a) => [a.code, new Decimal(0)]));
    const ancestors = (code: string) => {
      const out: string[] = [];
      for (let n = 3; n <= code.length; n += 2) out.push(code.slice(0, n));
      return out;
    };
    for (const o of openings) for (const c of ancestors(o.code)) running.set(c, (running.get(c) ?? new Decimal(0)).plus(o.balance));
    const moves = new Map<string, { debit: Decimal; credit: Decimal }>();
    for (const a of activity) {
      for (const c of ancestors(a.code)) {
        const key = `${a.period}|${c}`;
        const m = moves.get(key) ?? { debit: new Decimal(0), credit: new Decimal(0) };
        moves.set(key, { debit: m.debit.plus(a.debit), credit: m.credit.plus(a.credit) });
      }
    }
    const out: PeriodFigures[] = [];
    for (let p = from; p <= to; p = nextPeriod(p)) {
      for (const a of chart) {
        const opening = running.get(a.code) ?? new Decimal(0);
        const m = moves.get(`${p}|${a.code}`);
        const debit = m?.debit ?? new Decimal(0);
        const credit = m?.credit ?? new Decimal(0);
        const closing = opening.plus(debit).minus(credit);
        running.set(a.code, closing);
        if (!opening.isZero() || !debit.isZero() || !credit.isZero()) out.push({ period: p, code: a.code, opening, debit, credit });
      }
    }
    return out;
  }

  /** Posted vouchers of the months with their lines, by period, type and number; one voucher at a time. */
  async *vouchers(from: number, to: number): AsyncGenerator<{ voucher: VoucherRow; lines: VoucherLineRow[] }> {
    const rows = this.snap.cursor<Record<string, string | number | boolean | null>>(
      `SELECT v.id, to_char(v.voucher_date, 'YYYY-MM-DD') AS date, v.period, v.voucher_type AS type, v.number, v.red,
              v.attachment_count AS attachments, v.source, v.preparer, v.reviewer, v.cashier, v.posted_by AS "postedBy",
              to_char(v.prepared_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "preparedAt",
              to_char(v.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "postedAt",
              (SELECT o.voucher_type || '|' || o.period || '|' || o.number FROM voucher_reversals r
                 JOIN vouchers o ON o.union_id = r.union_id AND o.id = r.original_id
                WHERE r.union_id = v.union_id AND r.reversal_id = v.id LIMIT 1) AS "reversalOf",
              l.line_no AS "lineNo", l.summary, l.account_code AS "accountCode", l.debit, l.credit,
              l.project_code AS "projectCode", l.fund_type AS "fundType"
         FROM vouchers v JOIN voucher_lines l ON l.union_id = v.union_id AND l.voucher_id = v.id
        WHERE v.union_id = $1 AND v.period BETWEEN $2 AND $3
        ORDER BY v.period, v.voucher_type, v.number, l.line_no`,
      [this.unionId, from, to],
    );
    let current: { id: string; voucher: VoucherRow; lines: VoucherLineRow[] } | null = null;
    for await (const r of rows) {
      if (!current || current.id !== r.id) {
        if (current) yield { voucher: current.voucher, lines: current.lines };
        current = { id: String(r.id), voucher: voucherOf(r), lines: [] };
      }
      current.lines.push({
        lineNo: Number(r.lineNo),
        summary: String(r.summary),
        accountCode: String(r.accountCode),
        debit: String(r.debit),
        credit: String(r.credit),
        projectCode: (r.projectCode as string | null) ?? null,
        fundType: (r.fundType as string | null) ?? null,
      });
    }
    if (current) yield { voucher: current.voucher, lines: current.lines };
  }

  async statements(from: number, to: number): Promise<StatementRow[]> {
    const rows = await this.snap.query<{ kind: string; period: number; lines: StatementRow['lines'] }>(
      `SELECT kind, period, lines FROM statement_cache WHERE union_id = $1 AND period BETWEEN $2 AND $3 ORDER BY period, kind`,
      [this.unionId, from, to],
    );
    return rows.map((r) => ({ kind: r.kind, period: Number(r.period), lines: r.lines }));
  }
}

function voucherOf(r: Record<string, string | number | boolean | null>): VoucherRow {
  const reversal = r.reversalOf ? String(r.reversalOf).split('|') : null;
  return {
    date: String(r.date),
    period: Number(r.period),
    type: r.type as VoucherType,
    number: Number(r.number),
    red: Boolean(r.red),
    attachments: Number(r.attachments),
    source: String(r.source),
    preparer: String(r.preparer),
    reviewer: (r.reviewer as string | null) ?? null,
    cashier: (r.cashier as string | null) ?? null,
    postedBy: String(r.postedBy),
    preparedAt: String(r.preparedAt),
    postedAt: String(r.postedAt),
    reversalOf: reversal ? formatVoucherNumber(reversal[0] as VoucherType, Number(reversal[1]), Number(reversal[2])) : null,
  };
}

