import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface YearEvent {
  action: 'close' | 'reopen';
  reason: string | null;
  actor: string;
  at: Date;
}

/** A union's fiscal years: their status, history, and the versions of their frozen statements. */
@Injectable()
export class YearsRepository {
  async status(em: EntityManager, unionId: string, year: number): Promise<{ status: 'open' | 'closed'; closedAt: Date | null; closedBy: string | null }> {
    const rows: { status: 'open' | 'closed'; closedAt: Date | null; closedBy: string | null }[] = await em.query(
      `SELECT status, closed_at AS "closedAt", closed_by AS "closedBy" FROM fiscal_years WHERE union_id = $1 AND year = $2`,
      [unionId, year],
    );
    return rows[0] ?? { status: 'open', closedAt: null, closedBy: null };
  }

  async isClosed(em: EntityManager, unionId: string, year: number): Promise<boolean> {
    return (await this.status(em, unionId, year)).status === 'closed';
  }

  async markClosed(em: EntityManager, unionId: string, year: number, actor: string): Promise<void> {
    await em.query(
      `INSERT INTO fiscal_years (union_id, year, status, closed_at, closed_by) VALUES ($1, $2, 'closed', now(), $3)
       ON CONFLICT (union_id, year) DO UPDATE SET status = 'closed', closed_at = now(), closed_by = $3`,
      [unionId, year, actor],
    );
  }

  async markOpen(em: EntityManager, unionId: string, year: number): Promise<void> {
    await em.query(`UPDATE fiscal_years SET status = 'open', closed_at = NULL, closed_by = NULL WHERE union_id = $1 AND year = $2`, [unionId, year]);
  }

  async recordEvent(em: EntityManager, e: { unionId: string; year: number; action: 'close' | 'reopen'; reason: string | null; actor: string; actorId: string | null }): Promise<void> {
    await em.query(`INSERT INTO year_events (union_id, id, year, action, reason, actor, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      e.unionId,
      uuidv7(),
      e.year,
      e.action,
      e.reason,
      e.actor,
      e.actorId,
    ]);
  }

  async events(em: EntityManager, unionId: string, year: number): Promise<YearEvent[]> {
    return em.query(
      `SELECT action, reason, actor, created_at AS at FROM year_events WHERE union_id = $1 AND year = $2 ORDER BY created_at, id`,
      [unionId, year],
    );
  }

  async nextFreezeVersion(em: EntityManager, unionId: string, year: number): Promise<number> {
    const [{ v }]: { v: number }[] = await em.query(
      `SELECT coalesce(max(version), 0)::int + 1 AS v FROM statement_freezes WHERE union_id = $1 AND year = $2`,
      [unionId, year],
    );
    return v;
  }

  async frozen(em: EntityManager, unionId: string, year: number): Promise<{ version: number; period: number; kind: string; sha256: string; frozenAt: Date }[]> {
    return em.query(
      `SELECT version, period, kind, sha256, frozen_at AS "frozenAt" FROM statement_freezes
        WHERE union_id = $1 AND year = $2 AND version = (SELECT max(version) FROM statement_freezes WHERE union_id = $1 AND year = $2)
        ORDER BY period, kind`,
      [unionId, year],
    );
  }

  /** A closed month after the given one (a later year in use: a year reopens only when nothing after it is closed). */
  async closedAfter(em: EntityManager, unionId: string, period: number): Promise<number | undefined> {
    const rows: { period: number }[] = await em.query(
      `SELECT period FROM periods WHERE union_id = $1 AND period > $2 AND status = 'closed' ORDER BY period LIMIT 1`,
      [unionId, period],
    );
    return rows[0]?.period;
  }
}
