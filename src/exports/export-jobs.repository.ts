import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportJob {
  id: string;
  centerId: string;
  unionId: string | null;
  kind: string;
  /** `pdf`: the workbook and its PDFs in one zip (union exports only). */
  params: { from: string; to: string; pdf?: boolean };
  state: JobState;
  percent: number;
  rowsDone: number;
  rowsTotal: number | null;
  fileName: string | null;
  fileSize: string | null;
  sha256: string | null;
  error: string | null;
  createdBy: string | null;
  createdByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
  attempts: number;
}

const SELECT = `SELECT id, center_id AS "centerId", union_id AS "unionId", kind, params, state, percent, rows_done AS "rowsDone",
    rows_total AS "rowsTotal", file_name AS "fileName", file_size AS "fileSize", sha256, error, created_by AS "createdBy",
    created_by_name AS "createdByName", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
    expires_at AS "expiresAt", attempts FROM export_jobs`;

/** Export jobs: what was asked, how far it got, where its file is and until when. */
@Injectable()
export class ExportJobsRepository {
  async insert(em: EntityManager, job: Pick<ExportJob, 'id' | 'centerId' | 'unionId' | 'kind' | 'params' | 'createdBy' | 'createdByName'>): Promise<void> {
    await em.query(
      `INSERT INTO export_jobs (id, center_id, union_id, kind, params, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [job.id, job.centerId, job.unionId, job.kind, JSON.stringify(job.params), job.createdBy, job.createdByName],
    );
  }

  async find(em: EntityManager, unionId: string, id: string): Promise<ExportJob | null> {
    const rows: ExportJob[] = await em.query(`${SELECT} WHERE union_id = $1 AND id = $2`, [unionId, id]);
    return rows[0] ?? null;
  }

  /** A center's own jobs (its packs of every union), not the jobs of its unions. */
  async findForCenter(em: EntityManager, centerId: string, id: string): Promise<ExportJob | null> {
    const rows: ExportJob[] = await em.query(`${SELECT} WHERE center_id = $1 AND union_id IS NULL AND id = $2`, [centerId, id]);
    return rows[0] ?? null;
  }

  /** The job as its runner sees it, whoever asked for it. */
  async findById(em: EntityManager, id: string): Promise<ExportJob | null> {
    const rows: ExportJob[] = await em.query(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** An attempt begins: counted, and its progress starts from nothing. False when the job is over already. */
  async start(em: EntityManager, id: string): Promise<boolean> {
    // an UPDATE through TypeORM answers [rows, count]
    const [, count]: [unknown[], number] = await em.query(
      `UPDATE export_jobs SET state = 'running', started_at = now(), attempts = attempts + 1, rows_done = 0, rows_total = NULL, percent = 0,
              error = NULL
        WHERE id = $1 AND state IN ('queued', 'running')`,
      [id],
    );
    return count > 0;
  }

  /** How many rows the export will write, as estimated before writing. */
  async total(em: EntityManager, id: string, rowsTotal: number): Promise<void> {
    await em.query(`UPDATE export_jobs SET rows_total = $2::int WHERE id = $1 AND state = 'running'`, [id, rowsTotal]);
  }

  /**
   * Rows written so far. The percent follows from the estimated total, at most 99 until the file is
   * complete; an estimate the export outgrows is raised to what was written.
   */
  async progress(em: EntityManager, id: string, rowsDone: number): Promise<void> {
    await em.query(
      `UPDATE export_jobs SET rows_done = $2::int, rows_total = greatest(rows_total, $2::int),
              percent = least(99, floor(100.0 * $2::int / greatest(rows_total, $2::int, 1)))
        WHERE id = $1 AND state = 'running'`,
      [id, rowsDone],
    );
  }

  /** The file is complete: what was written is the total, and the job is at 100 %. */
  async finish(em: EntityManager, id: string, r: { fileName: string; fileSize: number; sha256: string; rowsDone: number; retentionMinutes: number }): Promise<void> {
    await em.query(
      `UPDATE export_jobs SET state = 'done', percent = 100, rows_done = $5::int, rows_total = $5::int, file_name = $2, file_size = $3,
              sha256 = $4, finished_at = now(), expires_at = now() + make_interval(mins => $6::int)
        WHERE id = $1 AND state = 'running'`,
      [id, r.fileName, r.fileSize, r.sha256, r.rowsDone, r.retentionMinutes],
    );
  }

  /** An attempt that will be retried: the job waits in its queue again. */
  async requeue(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE export_jobs SET state = 'queued', rows_done = 0, percent = 0 WHERE id = $1 AND state = 'running'`, [id]);
  }

  async fail(em: EntityManager, id: string, error: string): Promise<void> {
    await em.query(`UPDATE export_jobs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')`, [
      id,
      error.slice(0, 500),
    ]);
  }

  /** Done jobs whose time is up: marked expired; their ids returned so the files go too. */
  async expire(em: EntityManager): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await em.query(`UPDATE export_jobs SET state = 'expired' WHERE state = 'done' AND expires_at <= now() RETURNING id`);
    return rows.map((r) => r.id);
  }
}
