import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PeriodEvent } from './period-event.entity';

export interface PeriodRow {
  period: number;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedBy: string | null;
}

export interface PeriodStats extends PeriodRow {
  drafts: number;
  posted: number;
}

@Injectable()
export class PeriodsRepository {
  /** The period row under an exclusive lock (created open if missing): voucher writes hold a share lock on it. */
  async lock(em: EntityManager, unionId: string, period: number): Promise<PeriodRow> {
    await em.query(`INSERT INTO periods (union_id, period) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [unionId, period]);
    const rows: PeriodRow[] = await em.query(
      `SELECT period, status, closed_at AS "closedAt", closed_by AS "closedBy"
         FROM periods WHERE union_id = $1 AND period = $2 FOR UPDATE`,
      [unionId, period],
    );
    return rows[0];
  }

  async closedPeriods(em: EntityManager, unionId: string, from: number, to: number): Promise<Set<number>> {
    const rows: { period: number }[] = await em.query(
      `SELECT period FROM periods WHERE union_id = $1 AND period BETWEEN $2 AND $3 AND status = 'closed'`,
      [unionId, from, to],
    );
    return new Set(rows.map((r) => r.period));
  }

  async laterClosed(em: EntityManager, unionId: string, period: number): Promise<number | undefined> {
    const rows: { period: number }[] = await em.query(
      `SELECT period FROM periods WHERE union_id = $1 AND period > $2 AND status = 'closed' ORDER BY period DESC LIMIT 1`,
      [unionId, period],
    );
    return rows[0]?.period;
  }

  async draftCount(em: EntityManager, unionId: string, period: number): Promise<number> {
    const [{ n }]: { n: string }[] = await em.query(
      `SELECT count(*) AS n FROM voucher_drafts WHERE union_id = $1 AND period = $2`,
      [unionId, period],
    );
    return Number(n);
  }

  async markClosed(em: EntityManager, unionId: string, period: number, actor: string): Promise<void> {
    await em.query(
      `UPDATE periods SET status = 'closed', closed_at = now(), closed_by = $3 WHERE union_id = $1 AND period = $2`,
      [unionId, period, actor],
    );
  }

  async markOpen(em: EntityManager, unionId: string, period: number): Promise<void> {
    await em.query(
      `UPDATE periods SET status = 'open', closed_at = NULL, closed_by = NULL WHERE union_id = $1 AND period = $2`,
      [unionId, period],
    );
  }

  /** Recorded before the status change: the periods guard refuses a reopen without it. */
  async recordEvent(em: EntityManager, e: Pick<PeriodEvent, 'unionId' | 'period' | 'action' | 'reason' | 'actor' | 'actorId'>): Promise<void> {
    await em.query(
      `INSERT INTO period_events (union_id, id, period, action, reason, actor, actor_id, tx_id) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)`,
      [e.unionId, uuidv7(), e.period, e.action, e.reason, e.actor, e.actorId],
    );
  }

  async events(em: EntityManager, unionId: string, period: number): Promise<PeriodEvent[]> {
    return em.getRepository(PeriodEvent).find({ where: { unionId, period }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Status and voucher counts of each period in the range (missing rows read as open). */
  async stats(em: EntityManager, unionId: string, periods: number[]): Promise<PeriodStats[]> {
    return em.query(
      `SELECT p.period, coalesce(x.status, 'open') AS status, x.closed_at AS "closedAt", x.closed_by AS "closedBy",
              (SELECT count(*)::int FROM voucher_drafts d WHERE d.union_id = $1 AND d.period = p.period) AS drafts,
              (SELECT count(*)::int FROM vouchers v WHERE v.union_id = $1 AND v.period = p.period) AS posted
         FROM unnest($2::int[]) AS p(period)
         LEFT JOIN periods x ON x.union_id = $1 AND x.period = p.period
        ORDER BY p.period`,
      [unionId, periods],
    );
  }

  async lastUsedPeriod(em: EntityManager, unionId: string): Promise<number | undefined> {
    const rows: { period: number | null }[] = await em.query(`SELECT max(period) AS period FROM periods WHERE union_id = $1`, [unionId]);
    return rows[0]?.period ?? undefined;
  }
}
