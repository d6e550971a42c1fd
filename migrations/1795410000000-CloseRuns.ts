import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, revokeServiceChanges } from './roles';

/**
 * The center's batch close as a background job (issues 12 and 18): `close_runs`, one row per run (center,
 * month, who started it and when, its state), and `close_run_unions`, one row per union of the run with its
 * outcome (pending until the job reaches it; then closed, already closed, refused with its reasons, or
 * failed). The job records a union's outcome in the same transaction as that union's close, so a run resumed
 * after a crash never loses or repeats one. At most one run of a center and month is queued or running at a
 * time (a partial unique index: two starts racing get one run and one 409). The close itself is in the books
 * (vouchers, period events, the audit log); these rows are the report of the run, so they are not chained.
 *
 * `close_run_unions` leads its key with union_id (Citus by union); it has no foreign key to `close_runs`
 * (that key would lead with the run): the service writes both in one transaction, and reads a run's unions
 * through the center's unions, so every read goes by union_id first.
 */
export class CloseRuns1795410000000 implements MigrationInterface {
  name = 'CloseRuns1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE close_runs (
        id uuid NOT NULL,
        center_id uuid NOT NULL,
        period integer NOT NULL,
        state varchar(8) NOT NULL DEFAULT 'queued',
        total integer NOT NULL,
        attempts smallint NOT NULL DEFAULT 0,
        error varchar(500),
        created_by uuid,
        created_by_username varchar(100) NOT NULL,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT pk_close_runs PRIMARY KEY (id),
        CONSTRAINT fk_close_runs_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_close_runs_state CHECK (state IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_close_runs_period CHECK (period % 100 BETWEEN 1 AND 12),
        CONSTRAINT ck_close_runs_total CHECK (total >= 0),
        CONSTRAINT ck_close_runs_finished CHECK ((state IN ('done', 'failed')) = (finished_at IS NOT NULL))
      )`);
    // one live run per center and month: the second of two racing starts fails on this index (409)
    await q.query(`CREATE UNIQUE INDEX ux_close_runs_live ON close_runs (center_id, period) WHERE state IN ('queued', 'running')`);
    await q.query(`CREATE INDEX ix_close_runs_center ON close_runs (center_id, created_at)`);
    await allowServiceChanges(q, 'close_runs', { update: ['state', 'attempts', 'error', 'started_at', 'finished_at'] });

    await q.query(`
      CREATE TABLE close_run_unions (
        union_id uuid NOT NULL,
        run_id uuid NOT NULL,
        outcome varchar(8) NOT NULL DEFAULT 'pending',
        reasons jsonb NOT NULL DEFAULT '[]',
        closing_vouchers jsonb NOT NULL DEFAULT '[]',
        finished_at timestamptz,
        CONSTRAINT pk_close_run_unions PRIMARY KEY (union_id, run_id),
        CONSTRAINT fk_close_run_unions_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_close_run_unions_outcome CHECK (outcome IN ('pending', 'closed', 'already', 'refused', 'failed')),
        CONSTRAINT ck_close_run_unions_finished CHECK ((outcome = 'pending') = (finished_at IS NULL)),
        CONSTRAINT ck_close_run_unions_reasons CHECK ((outcome IN ('refused', 'failed')) = (jsonb_array_length(reasons) > 0))
      )`);
    await allowServiceChanges(q, 'close_run_unions', { update: ['outcome', 'reasons', 'closing_vouchers', 'finished_at'] });
    // an outcome, once recorded, is the run's report: it never changes, and no row is removed
    await q.query(`
      CREATE FUNCTION close_run_unions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.outcome <> 'pending' OR NEW.union_id <> OLD.union_id OR NEW.run_id <> OLD.run_id THEN
          RAISE EXCEPTION 'the outcome of union % in close run % is recorded', OLD.union_id, OLD.run_id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION close_run_unions_guard() SET search_path = public, pg_temp`);
    await q.query(`CREATE TRIGGER close_run_unions_guard BEFORE UPDATE OR DELETE ON close_run_unions FOR EACH ROW EXECUTE FUNCTION close_run_unions_guard()`);

    // a run of 2,000 unions takes minutes; a process that died is retried from its lease (src/jobs)
    await q.query(`SELECT pgboss.create_queue($1, $2)`, [
      'close-run',
      JSON.stringify({ policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 6 * 3600, retentionMinutes: 7 * 24 * 60 }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT pgboss.delete_queue('close-run')`);
    await revokeServiceChanges(q, 'close_run_unions');
    await q.query(`DROP TABLE close_run_unions`);
    await q.query(`DROP FUNCTION close_run_unions_guard()`);
    await revokeServiceChanges(q, 'close_runs');
    await q.query(`DROP TABLE close_runs`);
  }
}
