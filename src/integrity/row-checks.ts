import Decimal from 'decimal.js';
import { compareBalances, replayBalances } from '../ledger/domain/balance-replay.rules';
import { CHAINED_TABLES, ChainedTable, liveRowSql } from './chained-tables';
import { cursor, Query } from './chain-readers';
import { ClaimFacts, ClaimProblem, claimsConsistency, ReservationFacts } from './domain/claims-consistency';
import { firstDifference, parseJsonb } from './domain/jsonb-text';

export interface RowMismatch {
  kind: string;
  key: string;
  /** altered: differs from its latest record; missing: recorded, gone; unrecorded: never recorded */
  problem: 'altered' | 'missing' | 'unrecorded';
  field?: string;
}

const MAX = 20;

interface Keyed {
  key: string;
  row: string | null;
}

/**
 * Every chained row against the latest record of it: both sides sorted by key and merged, through
 * cursors, so a union of any size is compared in constant memory.
 */
export async function compareRows(query: Query, unionId: string): Promise<{ mismatches: RowMismatch[]; compared: number }> {
  const mismatches: RowMismatch[] = [];
  let compared = 0;
  const add = (m: RowMismatch) => mismatches.length < MAX && mismatches.push(m);
  for (const [i, t] of CHAINED_TABLES.entries()) {
    const live = liveRowSql(t);
    const recorded = cursor<Keyed>(
      query,
      `ul_recorded_${i}`,
      `SELECT DISTINCT ON (entity_key) entity_key AS key, snapshot::text AS row FROM chain_records
        WHERE union_id = $1 AND kind = $2 ORDER BY entity_key, seq DESC`,
      [unionId, t.table],
    );
    const rows = cursor<Keyed>(query, `ul_live_${i}`, `SELECT ${live.key} AS key, ${live.row}::text AS row FROM ${t.table} t WHERE t.${t.union} = $1 ORDER BY 1`, [
      unionId,
    ]);
    let r = await recorded.next();
    let l = await rows.next();
    while (!r.done || !l.done) {
      const order = r.done ? 1 : l.done ? -1 : r.value.key < l.value.key ? -1 : r.value.key > l.value.key ? 1 : 0;
      if (order < 0) {
        if (r.value.row !== null) add({ kind: t.table, key: r.value.key, problem: 'missing' });
        r = await recorded.next();
      } else if (order > 0) {
        add({ kind: t.table, key: l.value.key, problem: 'unrecorded' });
        l = await rows.next();
      } else {
        compared++;
        if (r.value.row === null) add({ kind: t.table, key: l.value.key, problem: 'unrecorded' });
        else {
          const field = firstDifference(parseJsonb(r.value.row), parseJsonb(l.value.row!));
          if (field) add({ kind: t.table, key: l.value.key, problem: 'altered', field });
        }
        r = await recorded.next();
        l = await rows.next();
      }
    }
    if (t.contentHash) for (const key of await contentHashMismatches(query, unionId, t)) add({ kind: t.table, key, problem: 'altered', field: t.contentHash.content });
  }
  return { mismatches, compared };
}

async function contentHashMismatches(query: Query, unionId: string, t: ChainedTable): Promise<string[]> {
  const { key } = liveRowSql(t);
  const rows = await query<{ key: string }>(
    `SELECT ${key} AS key FROM ${t.table} t
      WHERE t.${t.union} = $1 AND encode(sha256(t.${t.contentHash!.content}), 'hex') <> t.${t.contentHash!.hash} LIMIT ${MAX}`,
    [unionId],
  );
  return rows.map((r) => r.key);
}

export interface BalanceCheck {
  ok: boolean;
  rows: number;
  mismatches: { account: string; period: number; expected: string | null; stored: string | null }[];
}

const money = (d: Decimal | undefined) => (d ? d.toFixed(2) : null);

/** The stored balances against a replay of the opening balances and the lines. */
export async function checkBalances(query: Query, unionId: string): Promise<BalanceCheck> {
  const [union] = await query<{ firstPeriod: number }>(`SELECT first_period AS "firstPeriod" FROM unions WHERE id = $1`, [unionId]);
  if (!union) return { ok: true, rows: 0, mismatches: [] };
  const openings = await query<{ code: string; amount: string }>(`SELECT account_code AS code, amount FROM opening_balances WHERE union_id = $1`, [unionId]);
  const activity = await query<{ accountCode: string; period: number; debit: string; credit: string }>(
    `SELECT account_code AS "accountCode", ledger_period_of(voucher_date) AS period, sum(debit) AS debit, sum(credit) AS credit
       FROM voucher_lines WHERE union_id = $1 GROUP BY 1, 2`,
    [unionId],
  );
  const stored = await query<{ accountCode: string; period: number; opening: string; debit: string; credit: string; closing: string }>(
    `SELECT account_code AS "accountCode", period, opening, debit, credit, closing FROM account_balances WHERE union_id = $1`,
    [unionId],
  );
  const expected = replayBalances(
    new Map(openings.map((o) => [o.code, new Decimal(o.amount)])),
    union.firstPeriod,
    activity.map((a) => ({ ...a, debit: new Decimal(a.debit), credit: new Decimal(a.credit) })),
  );
  const mismatches = compareBalances(
    expected,
    stored.map((s) => ({ ...s, opening: new Decimal(s.opening), debit: new Decimal(s.debit), credit: new Decimal(s.credit), closing: new Decimal(s.closing) })),
  );
  return {
    ok: mismatches.length === 0,
    rows: stored.length,
    mismatches: mismatches.slice(0, MAX).map((m) => ({ account: m.accountCode, period: m.period, expected: money(m.expected?.closing), stored: money(m.stored?.closing) })),
  };
}

export interface NumberingCheck {
  ok: boolean;
  gaps: { period: number; type: string; count: number; maxNumber: number }[];
}

/** Voucher numbers run 1..n per period and type. */
export async function checkNumbering(query: Query, unionId: string): Promise<NumberingCheck> {
  const gaps = await query<{ period: number; type: string; count: string; maxNumber: number }>(
    `SELECT period, voucher_type AS type, count(*) AS count, max(number) AS "maxNumber"
       FROM vouchers WHERE union_id = $1
      GROUP BY period, voucher_type
     HAVING count(*) <> max(number) OR count(DISTINCT number) <> count(*)`,
    [unionId],
  );
  return { ok: gaps.length === 0, gaps: gaps.map((g) => ({ ...g, count: Number(g.count) })) };
}

/** Claims, reservations and payment vouchers as they are now (domain/claims-consistency). */
export async function checkClaims(query: Query, unionId: string): Promise<ClaimProblem[]> {
  const claims = await query<ClaimFacts>(
    `SELECT id::text, number, status, amount::text, payee_kind AS "payeeKind", reservation_id::text AS "reservationId", voucher_id::text AS "voucherId"
       FROM claims WHERE union_id = $1`,
    [unionId],
  );
  const reservations = await query<ReservationFacts>(
    `SELECT id::text, source_type AS "sourceType", source_id::text AS "sourceId", status, amount::text, account_code AS "accountCode"
       FROM fund_reservations WHERE union_id = $1`,
    [unionId],
  );
  const vouchers = await query<{ id: string }>(`SELECT id::text FROM vouchers WHERE union_id = $1 AND source = 'claim'`, [unionId]);
  return claimsConsistency(claims, reservations, vouchers.map((v) => v.id));
}

/** Reversal vouchers without their link, and links whose reversal is not a reversal voucher. */
export async function checkReversalLinks(query: Query, unionId: string): Promise<{ key: string; detail: string }[]> {
  return query<{ key: string; detail: string }>(
    `SELECT v.id::text AS key, 'reversal voucher without its link in voucher_reversals' AS detail FROM vouchers v
      WHERE v.union_id = $1 AND v.source = 'reversal'
        AND NOT EXISTS (SELECT 1 FROM voucher_reversals r WHERE r.union_id = v.union_id AND r.reversal_id = v.id)
     UNION ALL
     SELECT r.original_id::text, 'reversed by a voucher that is not a reversal' FROM voucher_reversals r
       JOIN vouchers v ON v.union_id = r.union_id AND v.id = r.reversal_id
      WHERE r.union_id = $1 AND v.source <> 'reversal'
     LIMIT ${MAX}`,
    [unionId],
  );
}
