import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/common.errors';
import { formatPeriod } from '../../common/period';
import { Database } from '../../database/database.service';
import { checkPooledBalance, PooledMovement, ShareBalances } from '../domain/pooled-balance.rules';

export interface PooledIntegrityReport {
  centerId: string;
  bankAccountId: string;
  ok: boolean;
  shares: number;
  months: number;
  /** Month ends where Σ shares (as the unions' books hold them) ≠ the pooled account replayed from its lines. */
  mismatches: { period: string; shares: string; pooled: string }[];
  /** Unions of the center (not withdrawn) without a default share: their money would have no pooled account. */
  unionsWithoutShare: string[];
}

const dec = (v: string) => new Decimal(v);

/**
 * Checks the Σ invariant of each pooled account (brief §6.2) from the rows as they are now: the pooled
 * account's journal — every line and opening balance on every share mapped to it — replayed month by
 * month, against the sum of the shares' maintained balances. Run by `npm run verify` and
 * `GET …/bank-accounts/:id/integrity`.
 */
@Injectable()
export class PooledIntegrityService {
  constructor(private readonly db: Database) {}

  /** In one read snapshot (issue 15): the shares and the pooled account's lines are read at one moment. */
  verify(centerId: string, bankAccountId: string): Promise<PooledIntegrityReport> {
    return this.db.readSnapshot((em) => this.verifyIn(em, centerId, bankAccountId));
  }

  private async verifyIn(em: EntityManager, centerId: string, bankAccountId: string): Promise<PooledIntegrityReport> {
    const known: unknown[] = await em.query(`SELECT 1 FROM bank_accounts WHERE center_id = $1 AND id = $2`, [centerId, bankAccountId]);
    if (known.length === 0) throw notFound('统一账户', { bankAccountId });
    const shares = await this.shareBalances(em, centerId, bankAccountId);
    const movements = await this.movements(em, centerId, bankAccountId);
    const { months, mismatches } = checkPooledBalance(shares, movements);
    const orphans: { code: string }[] = await em.query(
      `SELECT u.code FROM unions u
        WHERE u.center_id = $1 AND u.status <> 'withdrawn'
          AND NOT EXISTS (SELECT 1 FROM bank_account_shares s WHERE s.union_id = u.id AND s.is_default)
        ORDER BY u.code LIMIT 20`,
      [centerId],
    );
    return {
      centerId,
      bankAccountId,
      ok: mismatches.length === 0 && orphans.length === 0,
      shares: shares.length,
      months,
      mismatches: mismatches.slice(0, 20).map((m) => ({ period: formatPeriod(m.period), shares: m.shares.toFixed(2), pooled: m.pooled.toFixed(2) })),
      unionsWithoutShare: orphans.map((o) => o.code),
    };
  }

  /** Every pooled account of every center, one after another. */
  async *verifyAll(): AsyncGenerator<PooledIntegrityReport> {
    const accounts: { centerId: string; id: string }[] = await this.db.manager.query(
      `SELECT center_id AS "centerId", id FROM bank_accounts ORDER BY center_id, created_at, id`,
    );
    for (const a of accounts) yield await this.verify(a.centerId, a.id);
  }

  private async shareBalances(em: EntityManager, centerId: string, bankAccountId: string): Promise<ShareBalances[]> {
    const rows: { key: string; firstPeriod: number; period: number | null; opening: string | null; closing: string | null }[] = await em.query(
      `SELECT s.union_id || ':' || s.account_code AS key, u.first_period AS "firstPeriod", b.period, b.opening, b.closing
         FROM bank_account_shares s
         JOIN unions u ON u.id = s.union_id
         LEFT JOIN account_balances b ON b.union_id = s.union_id AND b.account_code = s.account_code
        WHERE s.center_id = $1 AND s.bank_account_id = $2
        ORDER BY 1, b.period`,
      [centerId, bankAccountId],
    );
    const byKey = new Map<string, ShareBalances>();
    for (const r of rows) {
      let share = byKey.get(r.key);
      if (!share) byKey.set(r.key, (share = { key: r.key, firstPeriod: r.firstPeriod, rows: [] }));
      if (r.period !== null) share.rows.push({ period: r.period, opening: dec(r.opening!), closing: dec(r.closing!) });
    }
    return [...byKey.values()];
  }

  private async movements(em: EntityManager, centerId: string, bankAccountId: string): Promise<PooledMovement[]> {
    const rows: { period: number; amount: string }[] = await em.query(
      `WITH sh AS (
         SELECT s.union_id, s.account_code, u.first_period FROM bank_account_shares s JOIN unions u ON u.id = s.union_id
          WHERE s.center_id = $1 AND s.bank_account_id = $2)
       SELECT period, sum(amount) AS amount FROM (
         SELECT sh.first_period AS period, o.amount FROM sh
           JOIN opening_balances o ON o.union_id = sh.union_id AND o.account_code = sh.account_code
         UNION ALL
         SELECT ledger_period_of(l.voucher_date), l.debit - l.credit FROM sh
           JOIN voucher_lines l ON l.union_id = sh.union_id AND l.account_code = sh.account_code) m
       GROUP BY period ORDER BY period`,
      [centerId, bankAccountId],
    );
    return rows.map((r) => ({ period: r.period, amount: dec(r.amount) }));
  }
}
