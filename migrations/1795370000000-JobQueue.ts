import { MigrationInterface, QueryRunner } from 'typeorm';
import PgBoss from 'pg-boss';
import { allowServiceChanges, OWNER_ROLE, revokeServiceChanges, SERVICE_ROLE } from './roles';

const SCHEMA = 'pgboss';

/**
 * The queues of background work (src/jobs), with pg-boss's defaults for each: retries, how long a run may
 * last before it counts as failed, how long a job may wait. pg-boss stores each queue in its own partition,
 * which is DDL: queues are made here, by the owner, never by the service.
 */
export const QUEUES: Record<string, object> = {
  // exports: three more attempts (5 s, then backing off) when the database or the process failed under one
  export: { policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 6 * 3600, retentionMinutes: 7 * 24 * 60 },
  // the once-a-minute housekeeping (expired files, work of processes that died)
  'jobs-maintenance': { policy: 'standard', retryLimit: 0, expireInSeconds: 600, retentionMinutes: 60 },
  // pg-boss's own queue behind schedule()
  '__pgboss__send-it': { policy: 'standard' },
};

/**
 * Durable jobs on PostgreSQL (pg-boss 10): its schema, created here as the owner so the service needs no
 * DDL rights (it starts pg-boss with `migrate: false`), and `job_leases`, which process runs which job.
 */
export class JobQueue1795370000000 implements MigrationInterface {
  name = 'JobQueue1795370000000';

  async up(q: QueryRunner): Promise<void> {
    // pg-boss wraps its plan in its own transaction; the migration's is the one that counts
    const plan = PgBoss.getConstructionPlans(SCHEMA).replace(/^\s*(BEGIN|COMMIT);\s*$/gm, '');
    await q.query(plan);
    await q.query(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${SERVICE_ROLE}`);
    // pg-boss updates and deletes its own rows (state changes, archiving, retention)
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${SERVICE_ROLE}`);
    for (const [name, options] of Object.entries(QUEUES)) {
      await q.query(`SELECT ${SCHEMA}.create_queue($1, $2)`, [name, JSON.stringify(options)]);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${SERVICE_ROLE}`);
    await q.query(`REVOKE EXECUTE ON FUNCTION ${SCHEMA}.create_queue(text, json), ${SCHEMA}.delete_queue(text) FROM PUBLIC`);

    await q.query(`
      CREATE TABLE job_leases (
        job_id uuid NOT NULL,
        queue varchar(50) NOT NULL,
        instance_id uuid NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_job_leases PRIMARY KEY (job_id)
      )`);
    await q.query(`CREATE INDEX ix_job_leases_instance ON job_leases (instance_id)`);
    await allowServiceChanges(q, 'job_leases', { delete: true });

    await q.query(`ALTER TABLE export_jobs ADD COLUMN attempts smallint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE export_jobs DROP COLUMN attempts`);
    await revokeServiceChanges(q, 'job_leases');
    await q.query(`DROP TABLE job_leases`);
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${SCHEMA} REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${SERVICE_ROLE}`);
    await q.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
  }
}
