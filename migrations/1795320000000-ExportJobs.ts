import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background exports (审计导出). A job is bookkeeping about a file, not part of the books: it names the
 * union (or, for a center pack, only the center) it reads, and lives until its file is removed.
 */
export class ExportJobs1795320000000 implements MigrationInterface {
  name = 'ExportJobs1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_jobs (
        id uuid NOT NULL,
        center_id uuid NOT NULL,
        union_id uuid,
        kind varchar(24) NOT NULL,
        params jsonb NOT NULL,
        state varchar(8) NOT NULL DEFAULT 'queued',
        percent smallint NOT NULL DEFAULT 0,
        rows_done integer NOT NULL DEFAULT 0,
        rows_total integer,
        file_name varchar(200),
        file_size bigint,
        sha256 char(64),
        error varchar(500),
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        CONSTRAINT pk_export_jobs PRIMARY KEY (id),
        CONSTRAINT fk_export_jobs_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT fk_export_jobs_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_export_jobs_state CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
        CONSTRAINT ck_export_jobs_percent CHECK (percent BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_export_jobs_union ON export_jobs (union_id, created_at)`);
    await q.query(`CREATE INDEX ix_export_jobs_pending ON export_jobs (state, expires_at) WHERE state IN ('queued', 'running', 'done')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export_jobs`);
  }
}
