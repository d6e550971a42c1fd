import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Database } from '../database/database.service';
import { compareBalances, replayBalances } from '../ledger/domain/balance-replay.rules';
import { FROZEN_HASH } from '../statements/statements.repository';
import { ChainReport, ChainRow, ChainVerifier } from './domain/chain.rules';
import { SERVICE_CHAIN } from './audit-entry.entity';

export interface IntegrityReport {
  unionId: string;
  verifiedAt: string;
  ok: boolean;
  audit: ChainReport & { head: { seq: number; hash: string } | null };
  vouchers: ChainReport & { head: { seq: number; hash: string } | null; unchained: string[] };
  balances: { ok: boolean; rows: number; mismatches: { account: string; period: number; expected: string | null; stored: string | null }[] };
  numbering: { ok: boolean; gaps: { period: number; type: string; count: number; maxNumber: number }[] };
  /** The summary tables kept at posting (account_period_totals, account_voucher_counts), recomputed from the lines. */
  totals: { ok: boolean; mismatches: { table: string; account: string; period: number; project: string | null; fundType: string | null }[] };
  /** Frozen statements of closed years: each row's hash recomputed, and found in its year's chained audit record. */
  statements: { ok: boolean; frozen: number; broken: { year: number; version: number; period: number; kind: string; problem: 'content-altered' | 'not-recorded' }[] };
}

const PAGE = 2000;
const money = (d: Decimal | undefined) => (d ? d.toFixed(2) : null);

/**
 * Recomputes, from the rows as they are now, everything the books claim about themselves: the audit chain
 * and the chain of posted vouchers (hashes recomputed here, in Node, from the canonical content), the
 * balances (replayed from the opening balances and the lines), and the voucher numbering (1..n per period
 * and type). Chains are read in pages, so memory stays flat whatever their length.
 */
@Injectable()
export class IntegrityService {
  constructor(private readonly db: Database) {}

  async verify(unionId: string): Promise<IntegrityReport> {
    const em = this.db.manager;
    const audit = await this.chain(
      em,
      `SELECT seq, prev_hash AS "prevHash", hash, ledger_audit_content(a) AS content
         FROM audit_log a WHERE union_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
      unionId,
    );
    const vouchers = await this.chain(
      em,
      `SELECT seq, prev_hash AS "prevHash", hash, coalesce(ledger_voucher_content(union_id, voucher_id), '') AS content
         FROM voucher_chain WHERE union_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
      unionId,
    );
    const unchained: { id: string }[] = await em.query(
      `SELECT v.id FROM vouchers v
        WHERE v.union_id = $1 AND NOT EXISTS (SELECT 1 FROM voucher_chain c WHERE c.union_id = v.union_id AND c.voucher_id = v.id)
        LIMIT 20`,
      [unionId],
    );
    const heads = await this.heads(em, unionId);
    const balances = await this.balances(em, unionId);
    const numbering = await this.numbering(em, unionId);
    const totals = await this.totals(em, unionId);
    const statements = await this.frozenStatements(em, unionId);
    const auditReport = { ...audit, head: heads.audit, ok: audit.ok && sameHead(audit, heads.audit) };
    const voucherReport = {
      ...vouchers,
      head: heads.vouchers,
      unchained: unchained.map((r) => r.id),
      ok: vouchers.ok && unchained.length === 0 && sameHead(vouchers, heads.vouchers),
    };
    return {
      unionId,
      verifiedAt: new Date().toISOString(),
      ok: auditReport.ok && voucherReport.ok && balances.ok && numbering.ok && totals.ok && statements.ok,
      audit: auditReport,
      vouchers: voucherReport,
      balances,
      numbering,
      totals,
      statements,
    };
  }

  /** The service chain (logins, users, grants) and every union, one after another. */
  async *verifyAll(): AsyncGenerator<IntegrityReport> {
    yield await this.verify(SERVICE_CHAIN);
    let after = SERVICE_CHAIN;
    for (;;) {
      const rows: { id: string }[] = await this.db.manager.query(`SELECT id FROM unions WHERE id > $1 ORDER BY id LIMIT 500`, [after]);
      for (const { id } of rows) yield await this.verify(id);
      if (rows.length < 500) return;
      after = rows[rows.length - 1].id;
    }
  }

  private async chain(em: EntityManager, sql: string, unionId: string): Promise<ChainReport> {
    const verifier = new ChainVerifier();
    for (let last = 0; ; ) {
      const rows: (Omit<ChainRow, 'seq'> & { seq: string })[] = await em.query(sql, [unionId, last]);
      for (const r of rows) verifier.feed({ ...r, seq: Number(r.seq) });
      if (rows.length < PAGE) return verifier.result();
      last = Number(rows[rows.length - 1].seq);
    }
  }

  private async heads(em: EntityManager, unionId: string) {
    const rows: { chain: 'audit' | 'vouchers'; seq: string; hash: string }[] = await em.query(
      `SELECT chain, seq, hash FROM chain_heads WHERE union_id = $1`,
      [unionId],
    );
    const head = (c: 'audit' | 'vouchers') => {
      const r = rows.find((x) => x.chain === c);
      return r ? { seq: Number(r.seq), hash: r.hash } : null;
    };
    return { audit: head('audit'), vouchers: head('vouchers') };
  }

  private async balances(em: EntityManager, unionId: string): Promise<IntegrityReport['balances']> {
    const [union]: { firstPeriod: number }[] = await em.query(`SELECT first_period AS "firstPeriod" FROM unions WHERE id = $1`, [unionId]);
    if (!union) return { ok: true, rows: 0, mismatches: [] };
    const openings: { code: string; amount: string }[] = await em.query(
      `SELECT account_code AS code, sum(amount) AS amount FROM opening_balances WHERE union_id = $1 GROUP BY 1 HAVING sum(amount) <> 0`,
      [unionId],
    );
    const activity: { accountCode: string; period: number; debit: string; credit: string }[] = await em.query(
      `SELECT account_code AS "accountCode", ledger_period_of(voucher_date) AS period, sum(debit) AS debit, sum(credit) AS credit
         FROM voucher_lines WHERE union_id = $1 GROUP BY 1, 2`,
      [unionId],
    );
    const stored: { accountCode: string; period: number; opening: string; debit: string; credit: string; closing: string }[] = await em.query(
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
      stored.map((s) => ({
        ...s,
        opening: new Decimal(s.opening),
        debit: new Decimal(s.debit),
        credit: new Decimal(s.credit),
        closing: new Decimal(s.closing),
      })),
    );
    return {
      ok: mismatches.length === 0,
      rows: stored.length,
      mismatches: mismatches.slice(0, 20).map((m) => ({
        account: m.accountCode,
        period: m.period,
        expected: money(m.expected?.closing),
        stored: money(m.stored?.closing),
      })),
    };
  }

  private async totals(em: EntityManager, unionId: string): Promise<IntegrityReport['totals']> {
    const rows: { table: string; account: string; period: number; project: string | null; fundType: string | null }[] = await em.query(
      `SELECT 'account_period_totals' AS table, coalesce(e.account_code, s.account_code) AS account, coalesce(e.period, s.period) AS period,
              nullif(coalesce(e.project_code, s.project_code), '') AS project, nullif(coalesce(e.fund_type, s.fund_type), '') AS "fundType"
         FROM (${EXPECTED_TOTALS}) e
         FULL JOIN (SELECT * FROM account_period_totals WHERE union_id = $1) s
           ON (s.account_code, s.period, s.project_code, s.fund_type) = (e.account_code, e.period, e.project_code, e.fund_type)
        WHERE (e.debit, e.credit, e.closing_debit, e.closing_credit, e.lines) IS DISTINCT FROM (s.debit, s.credit, s.closing_debit, s.closing_credit, s.lines)
       UNION ALL
       SELECT 'account_voucher_counts', coalesce(e.account_code, s.account_code), coalesce(e.period, s.period), NULL, NULL
         FROM (${EXPECTED_COUNTS}) e
         FULL JOIN (SELECT * FROM account_voucher_counts WHERE union_id = $1) s ON (s.account_code, s.period) = (e.account_code, e.period)
        WHERE e.vouchers IS DISTINCT FROM s.vouchers
       LIMIT 20`,
      [unionId],
    );
    return { ok: rows.length === 0, mismatches: rows };
  }

  private async frozenStatements(em: EntityManager, unionId: string): Promise<IntegrityReport['statements']> {
    const rows: { year: number; version: number; period: number; kind: string; contentOk: boolean; recorded: boolean }[] = await em.query(
      `SELECT f.year, f.version, f.period, f.kind, ${FROZEN_HASH('f')} = f.sha256 AS "contentOk",
              EXISTS (SELECT 1 FROM audit_log a
                       WHERE a.union_id = f.union_id AND a.action = 'year.close' AND a.entity_id = f.year::text
                         AND (a.after ->> 'version')::int = f.version
                         AND a.after -> 'statements' @> jsonb_build_array(jsonb_build_object(
                               'period', substr(f.period::text, 1, 4) || '-' || substr(f.period::text, 5, 2), 'kind', f.kind, 'sha256', f.sha256))) AS recorded
         FROM statement_freezes f WHERE f.union_id = $1
        ORDER BY f.year, f.version, f.period, f.kind`,
      [unionId],
    );
    const broken = rows
      .filter((r) => !r.contentOk || !r.recorded)
      .map((r) => ({ year: r.year, version: r.version, period: r.period, kind: r.kind, problem: (r.contentOk ? 'not-recorded' : 'content-altered') as 'content-altered' | 'not-recorded' }));
    return { ok: broken.length === 0, frozen: rows.length, broken: broken.slice(0, 20) };
  }

  private async numbering(em: EntityManager, unionId: string): Promise<IntegrityReport['numbering']> {
    const gaps: { period: number; type: string; count: string; maxNumber: number }[] = await em.query(
      `SELECT period, voucher_type AS type, count(*) AS count, max(number) AS "maxNumber"
         FROM vouchers WHERE union_id = $1
        GROUP BY period, voucher_type
       HAVING count(*) <> max(number) OR count(DISTINCT number) <> count(*)`,
      [unionId],
    );
    return { ok: gaps.length === 0, gaps: gaps.map((g) => ({ ...g, count: Number(g.count) })) };
  }
}

const EXPECTED_TOTALS = `
  SELECT l.account_code, ledger_period_of(l.voucher_date) AS period, coalesce(l.project_code, '') AS project_code,
         coalesce(l.fund_type, '') AS fund_type, sum(l.debit) AS debit, sum(l.credit) AS credit,
         coalesce(sum(l.debit) FILTER (WHERE v.source = 'closing'), 0) AS closing_debit,
         coalesce(sum(l.credit) FILTER (WHERE v.source = 'closing'), 0) AS closing_credit, count(*)::int AS lines
    FROM voucher_lines l JOIN vouchers v ON v.union_id = l.union_id AND v.id = l.voucher_id
   WHERE l.union_id = $1 GROUP BY 1, 2, 3, 4`;
const EXPECTED_COUNTS = `
  SELECT code AS account_code, period, count(*)::int AS vouchers
    FROM (SELECT DISTINCT l.voucher_id, ledger_period_of(l.voucher_date) AS period, left(l.account_code, k.len) AS code
            FROM voucher_lines l CROSS JOIN (VALUES (3), (5), (7), (9)) AS k(len)
           WHERE l.union_id = $1 AND length(l.account_code) >= k.len) x
   GROUP BY 1, 2`;

function sameHead(report: ChainReport, head: { seq: number; hash: string } | null): boolean {
  if (!head) return report.count === 0;
  return head.seq === report.count && head.hash === report.lastHash;
}
