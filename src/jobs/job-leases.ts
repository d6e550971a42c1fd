import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Which process runs which job, and whether that process is still alive. Each process holds, for as long
 * as it lives, a session advisory lock named after its instance id on a connection of its own; PostgreSQL
 * drops the lock the moment the process's connections close (a crash, kill -9, a lost machine). A lease
 * whose owner's lock can be taken therefore belongs to a dead process, and its job may run elsewhere.
 */
export class JobLeases {
  readonly instanceId = randomUUID();
  private client?: Client;

  constructor(private readonly url: string) {}

  async open(): Promise<void> {
    this.client = new Client({ connectionString: this.url, application_name: `union-ledger-jobs:${this.instanceId}` });
    // a lost connection loses the lock: other processes would take our jobs, so we must not keep them either
    this.client.on('error', () => undefined);
    await this.client.connect();
    await this.client.query(`SELECT pg_advisory_lock(${KEY})`, [this.instanceId]);
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  async take(jobId: string, queue: string): Promise<void> {
    await this.lockClient().query(`INSERT INTO job_leases (job_id, queue, instance_id) VALUES ($1, $2, $3)`, [jobId, queue, this.instanceId]);
  }

  async release(jobId: string): Promise<void> {
    await this.lockClient().query(`DELETE FROM job_leases WHERE job_id = $1 AND instance_id = $2`, [jobId, this.instanceId]);
  }

  /**
   * The jobs of processes that died: their leases are removed and returned (once, whoever asks). Also the
   * jobs of `queues` that have been active for a minute without any lease (their process died between
   * taking the job and recording it, or after giving the lease back).
   */
  async takeOrphans(queues: string[]): Promise<{ jobId: string; queue: string }[]> {
    const c = this.lockClient();
    const orphans: { jobId: string; queue: string }[] = [];
    const owners = await c.query<{ instance_id: string }>(`SELECT DISTINCT instance_id FROM job_leases WHERE instance_id <> $1`, [this.instanceId]);
    for (const { instance_id: owner } of owners.rows) {
      const { rows } = await c.query<{ free: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS free`, [owner]);
      if (!rows[0].free) continue;
      await c.query(`SELECT pg_advisory_unlock(${KEY})`, [owner]);
      const gone = await c.query<{ jobId: string; queue: string }>(
        `DELETE FROM job_leases WHERE instance_id = $1 RETURNING job_id AS "jobId", queue`,
        [owner],
      );
      orphans.push(...gone.rows);
    }
    const unleased = await c.query<{ jobId: string; queue: string }>(
      `SELECT j.id AS "jobId", j.name AS queue FROM pgboss.job j
        WHERE j.name = ANY($1) AND j.state = 'active' AND j.started_on < now() - interval '1 minute'
          AND NOT EXISTS (SELECT 1 FROM job_leases l WHERE l.job_id = j.id)`,
      [queues],
    );
    orphans.push(...unleased.rows);
    return orphans;
  }

  private lockClient(): Client {
    if (!this.client) throw new Error('job leases are not open');
    return this.client;
  }
}

/** The advisory lock key of an instance ($1: its id). */
const KEY = `hashtextextended('union-ledger-job-instance:' || $1, 0)`;
