import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PoolClient } from 'pg';
import { createApp } from '../../src/app.setup';
import { Database } from '../../src/database/database.service';
import { ExportJobsRepository } from '../../src/exports/export-jobs.repository';
import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

interface JobRow {
  id: string;
  state: string;
  attempts: number;
  percent: number;
  rows_done: number;
  rows_total: number | null;
  error: string | null;
}

/**
 * Exports as durable jobs (pg-boss): each runs once however many processes poll, a transient failure is
 * retried and a permanent one is not, progress is right, a stopping service gives its job back to run
 * again, and expired files go on the housekeeping schedule.
 */
describe('durable jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ul-jobs-'));
  let t: TestApp;
  let unionId: string;
  const second: NestFastifyApplication[] = [];

  beforeAll(async () => {
    // the test app only queues jobs (an API-only process); worker processes are started per test
    t = await startTestApp({ env: { EXPORT_DIR: dir, JOBS_RUN: 'false' } });
    unionId = (await newUnion(t)).id;
    for (const day of ['05', '06', '07']) {
      await postVoucher(t, unionId, `2026-01-${day}`, [
        { account: '10201', debit: '100.00' },
        { account: '401', credit: '100.00' },
      ]);
    }
  });
  afterAll(async () => {
    for (const app of second) await app.close();
    await t.close();
  });

  /** Another service process on the same database (same EXPORT_DIR), as a second instance would be. */
  async function anotherProcess(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    const saved = { ...process.env };
    // its own data folder (checkpoint key and log: one instance per data folder), never the worktree's ./data
    Object.assign(process.env, { EXPORT_DIR: dir, DATA_DIR: mkdtempSync(join(tmpdir(), 'ul-test-data-')), ...env });
    try {
      const app = await createApp({ database: { url: t.serviceUrl, embedded: false }, jwtSecret: TEST_JWT_SECRET }, { swagger: false });
      await app.init();
      second.push(app);
      return app;
    } finally {
      process.env = saved;
    }
  }

  const exportJob = async (kind = 'voucher-journal') =>
    (await t.http().post(`/api/unions/${unionId}/exports`).send({ kind, from: '2026-01', to: '2026-01' }).expect(202)).body.id as string;
  const row = async (id: string): Promise<JobRow> =>
    (await t.sql.query<JobRow>(`SELECT id, state, attempts, percent, rows_done, rows_total, error FROM export_jobs WHERE id = $1`, [id])).rows[0];
  async function until(id: string, states: string[], ms = 90_000): Promise<JobRow> {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) {
      const r = await row(id);
      if (states.includes(r.state)) return r;
    }
    throw new Error(`export ${id} never reached ${states.join('/')}: ${JSON.stringify(await row(id))}`);
  }
  /** Holds the table the export reads first, so a job stays running until released. */
  async function blockExports(): Promise<{ release(): Promise<void> }> {
    const c: PoolClient = await t.sql.connect();
    await c.query('BEGIN');
    await c.query('LOCK TABLE voucher_lines IN ACCESS EXCLUSIVE MODE');
    return {
      release: async () => {
        await c.query('ROLLBACK');
        c.release();
      },
    };
  }

  it('runs every job exactly once while two processes take jobs from the same queue', async () => {
    await anotherProcess({ EXPORT_CONCURRENCY: '2' });
    await anotherProcess({ EXPORT_CONCURRENCY: '2' });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await exportJob());
    const rows = [];
    for (const id of ids) rows.push(await until(id, ['done', 'failed']));
    expect(rows.map((r) => [r.state, r.attempts, r.percent])).toEqual(ids.map(() => ['done', 1, 100]));
    const queued = await t.sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'export' AND data->>'exportId' = ANY($1)`, [ids]);
    const archived = await t.sql.query(`SELECT count(*)::int AS n FROM pgboss.archive WHERE name = 'export' AND data->>'exportId' = ANY($1)`, [ids]);
    expect(queued.rows[0].n + archived.rows[0].n).toBe(4); // one queue entry per export, none repeated
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM job_leases`)).rows[0].n).toBe(0);
  });

  it('reports progress that ends with all rows written: the total estimated, raised when outgrown, exact when done', async () => {
    const repo = t.app.get(ExportJobsRepository);
    const em = t.app.get(Database).manager;
    const id = await exportJob();
    await until(id, ['done']);
    await t.sql.query(`UPDATE export_jobs SET state = 'running', percent = 0, rows_done = 0, rows_total = NULL WHERE id = $1`, [id]);
    await repo.total(em, id, 1409);
    await repo.progress(em, id, 700);
    expect(await row(id)).toMatchObject({ rows_done: 700, rows_total: 1409, percent: 49 });
    await repo.progress(em, id, 1409);
    expect(await row(id)).toMatchObject({ rows_done: 1409, percent: 99 }); // 100 only when the file is complete
    await repo.progress(em, id, 1500);
    expect(await row(id)).toMatchObject({ rows_done: 1500, rows_total: 1500, percent: 99 });
    await repo.finish(em, id, { fileName: 'x.xlsx', fileSize: 1, sha256: 'a'.repeat(64), rowsDone: 1397, retentionMinutes: 60 });
    expect(await row(id)).toMatchObject({ state: 'done', rows_done: 1397, rows_total: 1397, percent: 100 });
  });

  it('retries a run the database broke off, and fails at once a run that cannot succeed', async () => {
    const block = await blockExports();
    const transient = await exportJob();
    await until(transient, ['running']);
    // the export's session, waiting on the lock, is terminated as a server restart would
    for (let killed = 0; killed === 0; await sleep(100)) {
      const r = await t.sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'union-ledger-export' AND datname = $1`, [t.database]);
      killed = r.rowCount ?? 0;
    }
    await block.release();
    expect(await until(transient, ['done', 'failed'])).toMatchObject({ state: 'done', attempts: 2, percent: 100 });

    await t.sql.query(`REVOKE SELECT ON voucher_lines FROM ledger_service`);
    try {
      const permanent = await exportJob();
      const failed = await until(permanent, ['failed', 'done']);
      expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
      expect(failed.error).toMatch(/导出失败|任务失败/);
    } finally {
      await t.sql.query(`GRANT SELECT ON voucher_lines TO ledger_service`);
    }
  });

  it('gives a running job back when its process stops, and another process finishes it', async () => {
    for (const app of second.splice(0)) await app.close();
    const stopping = await anotherProcess();
    const block = await blockExports();
    const id = await exportJob();
    await until(id, ['running']);
    await stopping.close(); // the shutdown deadline passes at once: the run is given up
    second.splice(second.indexOf(stopping), 1);
    expect(await row(id)).toMatchObject({ state: 'queued' });
    const job = await t.sql.query(`SELECT state FROM pgboss.job WHERE name = 'export' AND data->>'exportId' = $1`, [id]);
    expect(job.rows[0].state).toBe('retry');
    await block.release();
    await anotherProcess();
    expect(await until(id, ['done', 'failed'])).toMatchObject({ state: 'done', attempts: 2, percent: 100 });
  });

  it('removes expired files on the once-a-minute housekeeping schedule', async () => {
    if (second.length === 0) await anotherProcess();
    const schedule = await t.sql.query(`SELECT cron FROM pgboss.schedule WHERE name = 'jobs-maintenance'`);
    expect(schedule.rows).toEqual([{ cron: '* * * * *' }]);
    const id = await exportJob();
    await until(id, ['done']);
    const file = join(dir, `${id}.xlsx`);
    expect(existsSync(file)).toBe(true);
    await t.sql.query(`UPDATE export_jobs SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    // what the schedule sends every minute, sent now
    await t.sql.query(`INSERT INTO pgboss.job (name, data) VALUES ('jobs-maintenance', '{}')`);
    expect(await until(id, ['expired'], 30_000)).toMatchObject({ state: 'expired' });
    for (let i = 0; i < 50 && existsSync(file); i++) await sleep(100);
    expect(existsSync(file)).toBe(false);
  });
});
