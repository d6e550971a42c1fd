import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { BalanceSheetColumn } from './domain/balance-sheet.rules';
import { StatementLine } from './domain/statement-line';

export type StatementKind = 'balance-sheet' | 'income-expenditure';

export interface Activity {
  debit: Decimal;
  credit: Decimal;
}

export interface Signers {
  legalRepresentative: string | null;
  accountingHead: string | null;
  accountingBodyHead: string | null;
}

/** Sub-accounts whose activity the 02表 shows as 资金结转结余调整及变动. */
export const ADJUSTMENT_ACCOUNTS = ['32101', '32201', '33101', '33201', '33202'];

const dec = (v: string | null | undefined) => new Decimal(v ?? 0);
/** The hash of a frozen statement, over what it shows: lines, signers, entity (jsonb text is canonical). */
export const FROZEN_HASH = (alias: string) =>
  `encode(sha256(convert_to(jsonb_build_object('lines', ${alias}.lines, 'signers', ${alias}.signers, 'entity', ${alias}.entity)::text, 'UTF8')), 'hex')`;

/** A line as stored in the statement cache and in frozen statements: values as strings. */
type StoredLine = Omit<StatementLine, 'values'> & { values: string[] };

/**
 * The figures statements read, all from what posting maintains (account_balances, account_period_totals)
 * and never from the lines themselves; the cache of closed months' statements; frozen annual statements;
 * and each union's signers.
 */
@Injectable()
export class StatementsRepository {
  /**
   * The balance sheet's view of the books at two month ends: `opening` is the start of `period`'s year (the
   * balances before January, or the opening balances of a union that started during the year), `closing`
   * the end of `period`.
   */
  async balanceSheetColumns(em: EntityManager, unionId: string, period: number): Promise<[BalanceSheetColumn, BalanceSheetColumn]> {
    const yearStart = Math.floor(period / 100) * 100 + 1;
    const rows: { code: string; opening: string; closing: string }[] = await em.query(
      `SELECT left(a.code, 3) AS code,
              sum(coalesce((SELECT b.closing FROM account_balances b
                             WHERE b.union_id = a.union_id AND b.account_code = a.code AND b.period < $2
                             ORDER BY b.period DESC LIMIT 1),
                           (SELECT b.opening FROM account_balances b
                             WHERE b.union_id = a.union_id AND b.account_code = a.code AND b.period >= $2
                             ORDER BY b.period LIMIT 1), 0)) AS opening,
              sum(coalesce((SELECT b.closing FROM account_balances b
                             WHERE b.union_id = a.union_id AND b.account_code = a.code AND b.period <= $3
                             ORDER BY b.period DESC LIMIT 1), 0)) AS closing
         FROM accounts a
        WHERE a.union_id = $1 AND a.is_leaf
        GROUP BY 1`,
      [unionId, yearStart, period],
    );
    const unclosed: { fund: string; opening: string; closing: string }[] = await em.query(
      `SELECT fund, coalesce(sum(amount) FILTER (WHERE period < $2), 0) AS opening, coalesce(sum(amount), 0) AS closing
         FROM (SELECT coalesce(nullif(t.fund_type, ''), CASE WHEN t.account_code LIKE '40302%' THEN 'restricted' ELSE 'unrestricted' END) AS fund,
                      t.period, t.debit - t.credit AS amount
                 FROM account_period_totals t
                WHERE t.union_id = $1 AND t.period <= $3 AND left(t.account_code, 1) IN ('4', '5')
               UNION ALL
               SELECT CASE WHEN o.project_code IS NOT NULL OR o.account_code LIKE '40302%' THEN 'restricted' ELSE 'unrestricted' END, 0, o.amount
                 FROM opening_balances o WHERE o.union_id = $1 AND left(o.account_code, 1) IN ('4', '5')) x
        GROUP BY fund`,
      [unionId, yearStart, period],
    );
    const column = (pick: 'opening' | 'closing'): BalanceSheetColumn => {
      const fund = (f: string) => dec(unclosed.find((u) => u.fund === f)?.[pick]);
      return {
        balances: new Map(rows.map((r) => [r.code, dec(r[pick])])),
        unclosed: { restricted: fund('restricted'), unrestricted: fund('unrestricted') },
      };
    };
    return [column('opening'), column('closing')];
  }

  /**
   * Activity per level-1 income and expense account (and per adjustment sub-account) over each range of
   * periods, the closing entries left out. Income and expense openings of a union that started during a
   * year count in that year's ranges that start in January (they are the year's figures before it joined).
   * Several unions give their sum (a consolidation's: the 02表 is linear in the activity).
   */
  async activity(em: EntityManager, unionIds: string[], ranges: [number, number][]): Promise<Map<string, Activity>[]> {
    const lo = Math.min(...ranges.map((r) => r[0]));
    const hi = Math.max(...ranges.map((r) => r[1]));
    const sums = ranges.flatMap((_, i) => [
      `coalesce(sum(debit) FILTER (WHERE period BETWEEN $${4 + 2 * i} AND $${5 + 2 * i}), 0) AS d${i}`,
      `coalesce(sum(credit) FILTER (WHERE period BETWEEN $${4 + 2 * i} AND $${5 + 2 * i}), 0) AS c${i}`,
    ]);
    const rows: Record<string, string>[] = await em.query(
      `SELECT key, ${sums.join(', ')}
         FROM (SELECT CASE WHEN left(t.account_code, 1) IN ('4', '5') THEN left(t.account_code, 3) ELSE left(t.account_code, 5) END AS key,
                      t.period, t.debit - t.closing_debit AS debit, t.credit - t.closing_credit AS credit
                 FROM account_period_totals t
                WHERE t.union_id = ANY($1::uuid[]) AND t.period BETWEEN $2 AND $3
                  AND (left(t.account_code, 1) IN ('4', '5') OR left(t.account_code, 5) = ANY($${4 + 2 * ranges.length}::text[]))
               UNION ALL
               SELECT left(o.account_code, 3), u.first_period - u.first_period % 100 + 1,
                      greatest(o.amount, 0), greatest(-o.amount, 0)
                 FROM opening_balances o JOIN unions u ON u.id = o.union_id
                WHERE o.union_id = ANY($1::uuid[]) AND left(o.account_code, 1) IN ('4', '5')) x
        GROUP BY key`,
      [unionIds, lo, hi, ...ranges.flat(), ADJUSTMENT_ACCOUNTS],
    );
    return ranges.map((_, i) => new Map(rows.map((r) => [r.key, { debit: dec(r[`d${i}`]), credit: dec(r[`c${i}`]) }])));
  }

  async cached(em: EntityManager, unionIds: string[], period: number, kind: string): Promise<Map<string, StatementLine[]>> {
    const rows: { unionId: string; lines: StoredLine[] }[] = await em.query(
      `SELECT union_id AS "unionId", lines FROM statement_cache WHERE union_id = ANY($1::uuid[]) AND period = $2 AND kind = $3`,
      [unionIds, period, kind],
    );
    return new Map(rows.map((r) => [r.unionId, r.lines.map(parse)]));
  }

  async cache(em: EntityManager, unionId: string, period: number, kind: string, lines: StatementLine[]): Promise<void> {
    await em.query(
      `INSERT INTO statement_cache (union_id, period, kind, lines) VALUES ($1, $2, $3, $4)
       ON CONFLICT (union_id, period, kind) DO UPDATE SET lines = excluded.lines, cached_at = now()`,
      [unionId, period, kind, JSON.stringify(lines.map(store))],
    );
  }

  async dropCache(em: EntityManager, unionId: string, period: number): Promise<void> {
    await em.query(`DELETE FROM statement_cache WHERE union_id = $1 AND period = $2`, [unionId, period]);
  }

  /**
   * Freezes a statement of a year being closed: stored with the SHA-256 of its lines, signers and entity as
   * PostgreSQL renders them (jsonb text), so the integrity check can recompute it from the row alone.
   * Returns the hash.
   */
  async freeze(
    em: EntityManager,
    f: { unionId: string; year: number; version: number; period: number; kind: string; lines: StatementLine[]; signers: Signers; entity: string },
  ): Promise<string> {
    const [row]: { sha256: string }[] = await em.query(
      `INSERT INTO statement_freezes (union_id, year, version, period, kind, lines, signers, entity, sha256)
       SELECT $1, $2, $3, $4, $5, x.lines, x.signers, x.entity, ${FROZEN_HASH('x')}
         FROM (SELECT $6::jsonb AS lines, $7::jsonb AS signers, $8::varchar AS entity) x
       RETURNING sha256`,
      [f.unionId, f.year, f.version, f.period, f.kind, JSON.stringify(f.lines.map(store)), JSON.stringify(f.signers), f.entity],
    );
    return row.sha256;
  }

  /** The latest frozen version of a statement of a closed year, if any. */
  async frozen(em: EntityManager, unionId: string, period: number, kind: string): Promise<{ lines: StatementLine[]; signers: Signers; entity: string; frozenAt: Date } | undefined> {
    const rows: { lines: StoredLine[]; signers: Signers; entity: string; frozenAt: Date }[] = await em.query(
      `SELECT f.lines, f.signers, f.entity, f.frozen_at AS "frozenAt"
         FROM statement_freezes f JOIN fiscal_years y ON y.union_id = f.union_id AND y.year = f.year AND y.status = 'closed'
        WHERE f.union_id = $1 AND f.period = $2 AND f.kind = $3
        ORDER BY f.version DESC LIMIT 1`,
      [unionId, period, kind],
    );
    return rows[0] && { ...rows[0], lines: rows[0].lines.map(parse) };
  }

  async signers(em: EntityManager, unionId: string): Promise<Signers> {
    const rows: Signers[] = await em.query(
      `SELECT legal_representative AS "legalRepresentative", accounting_head AS "accountingHead", accounting_body_head AS "accountingBodyHead"
         FROM union_statement_signers WHERE union_id = $1`,
      [unionId],
    );
    return rows[0] ?? { legalRepresentative: null, accountingHead: null, accountingBodyHead: null };
  }

  async saveSigners(em: EntityManager, unionId: string, s: Signers, actorId: string | null): Promise<void> {
    await em.query(
      `INSERT INTO union_statement_signers (union_id, legal_representative, accounting_head, accounting_body_head, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (union_id) DO UPDATE SET legal_representative = excluded.legal_representative, accounting_head = excluded.accounting_head,
         accounting_body_head = excluded.accounting_body_head, updated_by = excluded.updated_by, updated_at = now()`,
      [unionId, s.legalRepresentative, s.accountingHead, s.accountingBodyHead, actorId],
    );
  }
}

export function store(l: StatementLine): StoredLine {
  return { ...l, values: l.values.map((v) => v.toFixed(2)) };
}

export function parse(l: StoredLine): StatementLine {
  return { ...l, values: l.values.map((v) => new Decimal(v)) };
}
