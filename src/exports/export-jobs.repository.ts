import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'expired';

export interface ExportJob {
  id: string;
  centerId: string;
  unionId: string | null;
  kind: string;
  params: { from: string; to: string };
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
}

const SELECT = `SELECT id, center_id AS "centerId", union_id AS "unionId", kind, params, state, percent, rows_done AS "rowsDone",
    rows_total AS "rowsTotal", file_name AS "fileName", file_size AS "fileSize", sha256, error, created_by AS "createdBy",
    created_by_name AS "createdByName", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt",
    expires_at AS "expiresAt" FROM export_jobs`;

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

  async start(em: EntityManager, id: string, rowsTotal: number): Promise<void> {
    await em.query(`UPDATE export_jobs SET state = 'running', started_at = now(), rows_total = $2 WHERE id = $1`, [id, rowsTotal]);
  }

  /** Rows written so far; the percent follows from the total `start` recorded (99 at most until done). */
  async progress(em: EntityManager, id: string, rowsDone: number): Promise<void> {
    await em.query(
      `UPDATE export_jobs SET rows_done = $2, percent = least(99, floor(100.0 * $2 / greatest(rows_total, 1)))
        WHERE id = $1 AND state = 'running'`,
      [id, rowsDone],
    );
  }

  async finish(em: EntityManager, id: string, r: { fileName: string; fileSize: number; sha256: string; rowsDone: number; retentionMinutes: number }): Promise<void> {
    await em.query(
      `UPDATE export_jobs SET state = 'done', percent = 100, rows_done = $5, file_name = $2, file_size = $3, sha256 = $4,
              finished_at = now(), expires_at = now() + make_interval(mins => $6) WHERE id = $1`,
      [id, r.fileName, r.fileSize, r.sha256, r.rowsDone, r.retentionMinutes],
    );
  }

  async fail(em: EntityManager, id: string, error: string): Promise<void> {
    await em.query(`UPDATE export_jobs SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error.slice(0, 500)]);
  }

  /** Jobs a stopped process left unfinished: they will not finish. */
  async failInterrupted(em: EntityManager): Promise<void> {
    await em.query(`UPDATE export_jobs SET state = 'failed', error = '服务重启，导出中断，请重新导出', finished_at = now() WHERE state IN ('queued', 'running')`);
  }

  /** Done jobs whose time is up: marked expired; their ids returned so the files go too. */
  async expire(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`UPDATE export_jobs SET state = 'expired' WHERE state = 'done' AND expires_at <= now() RETURNING id`);
    return rows.map((r) => r.id);
  }
}
