import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { BALANCE_SHEET_ACCOUNTS, BALANCE_SHEET_TOTALS, BalanceSheetColumn } from './domain/balance-sheet.rules';
import { StatementLine } from './domain/statement-line';
import { parse } from './statements.repository';

const dec = (v: string | null | undefined) => new Decimal(v ?? 0);

/**
 * What a consolidation (汇总) reads for thousands of unions in a few statements, never one union at a time:
 * statements are linear in the accounts, so the sum of the unions' statements is the statement of their summed
 * figures. Each query also names the unions whose own balance sheet does not balance, since a sum can balance
 * while a union in it does not.
 */
@Injectable()
export class ConsolidationRepository {
  /**
   * The balance sheet's two columns (start of `period`'s year, end of `period`) summed over `unionIds` (whose
   * books began by `period`), and those of them whose balance sheet does not balance in either column.
   * A leaf's balance at a month end is its opening balance plus its movements up to then (account_balances
   * keeps a row per leaf and month with movement, each closing = opening + debit − credit, the first opening
   * being the opening balance): one aggregate, where a single union reads each leaf's last row.
   * The imbalance is `imbalance()` of balance-sheet.rules: the mapped accounts' balances and the unclosed result.
   * Assets, liabilities and net assets (codes below 4) are read from the balances, income and expense (4, 5)
   * only for the result not yet closed, by fund: each row once, the code ranges index conditions.
   */
  async balanceSheetSums(em: EntityManager, unionIds: string[], period: number): Promise<{ columns: [BalanceSheetColumn, BalanceSheetColumn]; imbalanced: Set<string> }> {
    const yearStart = Math.floor(period / 100) * 100 + 1;
    const rows: { kind: 'code' | 'fund' | 'imbalanced'; key: string; opening: string; closing: string }[] = await em.query(
      `WITH bal AS (
         SELECT y.union_id, left(y.account_code, 3) AS code,
                coalesce(sum(y.amount) FILTER (WHERE y.period < $2), 0) AS opening, sum(y.amount) AS closing
           FROM (SELECT b.union_id, b.account_code, b.period, b.debit - b.credit AS amount
                   FROM account_balances b WHERE b.union_id = ANY($1::uuid[]) AND b.account_code < '4' AND b.period <= $3
                 UNION ALL
                 SELECT o.union_id, o.account_code, 0, o.amount FROM opening_balances o WHERE o.union_id = ANY($1::uuid[]) AND o.account_code < '4') y
          GROUP BY 1, 2),
       unc AS (
         SELECT union_id, fund, coalesce(sum(amount) FILTER (WHERE period < $2), 0) AS opening, coalesce(sum(amount), 0) AS closing
           FROM (SELECT t.union_id, coalesce(nullif(t.fund_type, ''), CASE WHEN t.account_code LIKE '40302%' THEN 'restricted' ELSE 'unrestricted' END) AS fund,
                        t.period, t.debit - t.credit AS amount
                   FROM account_period_totals t
                  WHERE t.union_id = ANY($1::uuid[]) AND t.account_code >= '4' AND t.account_code < '6' AND t.period <= $3
                 UNION ALL
                 SELECT o.union_id, CASE WHEN o.project_code IS NOT NULL OR o.account_code LIKE '40302%' THEN 'restricted' ELSE 'unrestricted' END, 0, o.amount
                   FROM opening_balances o WHERE o.union_id = ANY($1::uuid[]) AND o.account_code >= '4' AND o.account_code < '6') x
          GROUP BY 1, 2)
       SELECT 'code' AS kind, code AS key, sum(opening)::text AS opening, sum(closing)::text AS closing FROM bal GROUP BY code
       UNION ALL
       SELECT 'fund', fund, sum(opening)::text, sum(closing)::text FROM unc GROUP BY fund
       UNION ALL
       SELECT 'imbalanced', union_id::text, NULL, NULL
         FROM (SELECT union_id, opening, closing FROM bal WHERE code = ANY($4::text[])
               UNION ALL SELECT union_id, opening, closing FROM unc) z
        GROUP BY union_id HAVING sum(opening) <> 0 OR sum(closing) <> 0`,
      [unionIds, yearStart, period, BALANCE_SHEET_ACCOUNTS],
    );
    const column = (pick: 'opening' | 'closing'): BalanceSheetColumn => {
      const fund = (f: string) => dec(rows.find((r) => r.kind === 'fund' && r.key === f)?.[pick]);
      return {
        balances: new Map(rows.filter((r) => r.kind === 'code').map((r) => [r.key, dec(r[pick])])),
        unclosed: { restricted: fund('restricted'), unrestricted: fund('unrestricted') },
      };
    };
    return { columns: [column('opening'), column('closing')], imbalanced: new Set(rows.filter((r) => r.kind === 'imbalanced').map((r) => r.key)) };
  }

  /**
   * The statements kept when the unions' months closed (statement_cache), added line by line in the database
   * (by line key, so a kept statement of another layout adds where its lines match), and the unions whose
   * kept balance sheet does not balance. `null` when none of them has one kept.
   */
  async cachedSums(em: EntityManager, unionIds: string[], period: number, kind: string): Promise<{ lines: StatementLine[]; unionIds: Set<string>; imbalanced: Set<string> } | null> {
    const [totalA, totalB] = BALANCE_SHEET_TOTALS;
    const [row]: { template: StoredTemplate | null; sums: Record<string, [string, string]> | null; kept: string[] | null; imbalanced: string[] | null }[] = await em.query(
      `WITH c AS (SELECT union_id, lines FROM statement_cache WHERE union_id = ANY($1::uuid[]) AND period = $2 AND kind = $3),
       e AS (SELECT c.union_id, l->>'key' AS key, (l->'values'->>0)::numeric AS v0, (l->'values'->>1)::numeric AS v1
               FROM c CROSS JOIN LATERAL jsonb_array_elements(c.lines) l)
       SELECT (SELECT lines FROM c ORDER BY union_id LIMIT 1) AS template,
              (SELECT jsonb_object_agg(key, jsonb_build_array(s0::text, s1::text)) FROM (SELECT key, sum(v0) AS s0, sum(v1) AS s1 FROM e GROUP BY key) s) AS sums,
              (SELECT array_agg(union_id::text) FROM c) AS kept,
              (SELECT array_agg(a.union_id::text) FROM e a JOIN e b ON b.union_id = a.union_id AND b.key = $5
                WHERE a.key = $4 AND (a.v0 <> b.v0 OR a.v1 <> b.v1)) AS imbalanced`,
      [unionIds, period, kind, totalA, totalB],
    );
    if (!row?.template || !row.sums) return null;
    const sums = row.sums;
    const lines = row.template.map((l) => parse({ ...l, values: sums[l.key] ?? l.values.map(() => '0') }));
    return { lines, unionIds: new Set(row.kept ?? []), imbalanced: new Set(row.imbalanced ?? []) };
  }
}

type StoredTemplate = (Omit<StatementLine, 'values'> & { values: string[] })[];
