import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Page } from '../common/http/pagination.dto';
import type { CloseOutcomeKind } from './dto/close-run.dto';
import type { UnionOutcome } from './batch-close.service';
import { closingVouchersOf } from './batch-close.service';

export type RunState = 'queued' | 'running' | 'done' | 'failed';

export interface CloseRun {
  id: string;
  centerId: string;
  period: number;
  state: RunState;
  total: number;
  attempts: number;
  error: string | null;
  createdBy: string | null;
  createdByUsername: string;
  createdByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: Record<CloseOutcomeKind, number>;
}

export interface CloseRunUnion {
  unionId: string;
  code: string;
  name: string;
  outcome: CloseOutcomeKind;
  reasons: { code: string; message: string; details?: Record<string, unknown> }[];
  closingVouchers: { id: string; displayNumber: string; kind: string }[];
  finishedAt: Date | null;
}

/** A run's unions, read through the center's unions so that every read of close_run_unions goes by union_id. */
const RUN_UNIONS = `unions u JOIN close_run_unions o ON o.union_id = u.id AND o.run_id = r.id WHERE u.center_id = r.center_id`;

const SELECT = `SELECT r.id, r.center_id AS "centerId", r.period, r.state, r.total, r.attempts, r.error, r.created_by AS "createdBy",
    r.created_by_username AS "createdByUsername", r.created_by_name AS "createdByName", r.created_at AS "createdAt",
    r.started_at AS "startedAt", r.finished_at AS "finishedAt",
    (SELECT jsonb_object_agg(x.outcome, x.n) FROM (SELECT o.outcome, count(*)::int AS n FROM ${RUN_UNIONS} GROUP BY o.outcome) x) AS counts
  FROM close_runs r`;

const NO_COUNTS: Record<CloseOutcomeKind, number> = { pending: 0, closed: 0, already: 0, refused: 0, failed: 0 };

function withCounts(r: CloseRun): CloseRun {
  return { ...r, counts: { ...NO_COUNTS, ...(r.counts ?? {}) } };
}

/** Close runs (批量结账) of a center and the outcome of each of their unions. */
@Injectable()
export class CloseRunsRepository {
  async insert(em: EntityManager, r: Pick<CloseRun, 'id' | 'centerId' | 'period' | 'total' | 'createdBy' | 'createdByUsername' | 'createdByName'>, unionIds: string[]): Promise<void> {
    await em.query(
      `INSERT INTO close_runs (id, center_id, period, total, created_by, created_by_username, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.id, r.centerId, r.period, r.total, r.createdBy, r.createdByUsername, r.createdByName],
    );
    await em.query(`INSERT INTO close_run_unions (union_id, run_id) SELECT x, $2 FROM unnest($1::uuid[]) x`, [unionIds, r.id]);
  }

  /** The run of the center still queued or running for this month, if any. */
  async live(em: EntityManager, centerId: string, period: number): Promise<string | null> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM close_runs WHERE center_id = $1 AND period = $2 AND state IN ('queued', 'running')`, [centerId, period]);
    return rows[0]?.id ?? null;
  }

  async find(em: EntityManager, centerId: string, id: string): Promise<CloseRun | null> {
    const rows: CloseRun[] = await em.query(`${SELECT} WHERE r.center_id = $1 AND r.id = $2`, [centerId, id]);
    return rows[0] ? withCounts(rows[0]) : null;
  }

  async list(em: EntityManager, centerId: string, f: { period?: number; page: number; pageSize: number }): Promise<Page<CloseRun>> {
    const rows: CloseRun[] = await em.query(
      `${SELECT} WHERE r.center_id = $1 AND ($2::int IS NULL OR r.period = $2) ORDER BY r.created_at DESC, r.id DESC OFFSET $3 LIMIT $4`,
      [centerId, f.period ?? null, (f.page - 1) * f.pageSize, f.pageSize],
    );
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM close_runs WHERE center_id = $1 AND ($2::int IS NULL OR period = $2)`, [centerId, f.period ?? null]);
    return { items: rows.map(withCounts), page: f.page, pageSize: f.pageSize, total: n };
  }

  /** The run's unions in code order, optionally of one outcome. */
  async unions(em: EntityManager, run: CloseRun, f: { outcome?: CloseOutcomeKind; page: number; pageSize: number }): Promise<Page<CloseRunUnion>> {
    const items: CloseRunUnion[] = await em.query(
      `SELECT u.id AS "unionId", u.code, u.name, o.outcome, o.reasons, o.closing_vouchers AS "closingVouchers", o.finished_at AS "finishedAt"
         FROM unions u JOIN close_run_unions o ON o.union_id = u.id AND o.run_id = $1
        WHERE u.center_id = $2 AND ($3::varchar IS NULL OR o.outcome = $3)
        ORDER BY u.code OFFSET $4 LIMIT $5`,
      [run.id, run.centerId, f.outcome ?? null, (f.page - 1) * f.pageSize, f.pageSize],
    );
    const total = f.outcome ? run.counts[f.outcome] : run.total;
    return { items, page: f.page, pageSize: f.pageSize, total };
  }

  /** The unions the job has still to do, in code order. */
  pending(em: EntityManager, run: { id: string; centerId: string }): Promise<{ id: string; code: string; name: string; status: string }[]> {
    return em.query(
      `SELECT u.id, u.code, u.name, u.status FROM unions u JOIN close_run_unions o ON o.union_id = u.id AND o.run_id = $2
        WHERE u.center_id = $1 AND o.outcome = 'pending' ORDER BY u.code`,
      [run.centerId, run.id],
    );
  }

  /** An attempt begins; null when the run is final already. */
  async start(em: EntityManager, id: string): Promise<{ id: string; centerId: string; period: number; createdBy: string | null; createdByUsername: string; createdByName: string } | null> {
    const [rows]: [{ id: string; centerId: string; period: number; createdBy: string | null; createdByUsername: string; createdByName: string }[], number] = await em.query(
      `UPDATE close_runs SET state = 'running', attempts = attempts + 1, error = NULL, started_at = coalesce(started_at, now())
        WHERE id = $1 AND state IN ('queued', 'running')
        RETURNING id, center_id AS "centerId", period, created_by AS "createdBy", created_by_username AS "createdByUsername", created_by_name AS "createdByName"`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A union's outcome, once: a union already recorded keeps its outcome. */
  async record(em: EntityManager, unionId: string, runId: string, outcome: UnionOutcome): Promise<void> {
    const reasons = outcome.kind === 'refused' || outcome.kind === 'failed' ? outcome.reasons : [];
    await em.query(
      `UPDATE close_run_unions SET outcome = $3, reasons = $4, closing_vouchers = $5, finished_at = now()
        WHERE union_id = $1 AND run_id = $2 AND outcome = 'pending'`,
      [unionId, runId, outcome.kind, JSON.stringify(reasons), JSON.stringify(closingVouchersOf(outcome).map(({ id, displayNumber, kind }) => ({ id, displayNumber, kind })))],
    );
  }

  async finish(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE close_runs SET state = 'done', finished_at = now() WHERE id = $1 AND state = 'running'`, [id]);
  }

  async fail(em: EntityManager, id: string, error: string): Promise<void> {
    await em.query(`UPDATE close_runs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')`, [id, error.slice(0, 500)]);
  }
}
