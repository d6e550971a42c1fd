import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newUnion, postVoucher } from '../support/builders';
import { startJobProcess } from '../support/job-process';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The service process dies (kill -9) in the middle of an export; after a restart the job runs again and
 * finishes: nothing is lost with the process, and the file is whole.
 */
describe('a job survives the death of its process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ul-jobs-restart-'));
  let t: TestApp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // the test app only queues (JOBS_RUN=false); the jobs run in real service processes started below
    t = await startTestApp({ env: { EXPORT_DIR: dir, JOBS_RUN: 'false' } });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t.close();
  });

  async function serviceProcess(extra: Record<string, string> = {}): Promise<ChildProcess> {
    const child = await startJobProcess(t, dir, extra);
    children.push(child);
    return child;
  }

  const state = async (id: string) =>
    (await t.sql.query<{ state: string; attempts: number; rows_done: number; rows_total: number; percent: number; sha256: string }>(
      `SELECT state, attempts, rows_done, rows_total, percent, sha256 FROM export_jobs WHERE id = $1`,
      [id],
    )).rows[0];

  it('kill -9 while an export runs: the restarted service runs it again to the end', async () => {
    const { id: unionId } = await newUnion(t);
    await postVoucher(t, unionId, '2026-01-05', [
      { account: '10201', debit: '100.00' },
      { account: '401', credit: '100.00' },
    ]);
    // the export will wait on this lock after it has started: a job caught in the middle
    const blocker = await t.sql.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE voucher_lines IN ACCESS EXCLUSIVE MODE');
    const id = (await t.http().post(`/api/unions/${unionId}/exports`).send({ kind: 'voucher-journal', from: '2026-01', to: '2026-01' }).expect(202)).body.id;

    const first = await serviceProcess();
    for (const deadline = Date.now() + 60_000; (await state(id)).state !== 'running'; await sleep(100)) {
      if (Date.now() > deadline) throw new Error('the export did not start');
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await blocker.query('ROLLBACK');
    blocker.release();
    expect(await state(id)).toMatchObject({ state: 'running', attempts: 1 }); // nobody finished it

    const second = await serviceProcess();
    let job = await state(id);
    for (const deadline = Date.now() + 90_000; !['done', 'failed'].includes(job.state) && Date.now() < deadline; await sleep(200)) job = await state(id);
    expect(job).toMatchObject({ state: 'done', attempts: 2, percent: 100 });
    expect(job.rows_done).toBe(job.rows_total);
    const file = await t.http().get(`/api/unions/${unionId}/exports/${id}/file`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(createHash('sha256').update(file.body as Buffer).digest('hex')).toBe(job.sha256);
    expect(createHash('sha256').update(readFileSync(join(dir, `${id}.xlsx`))).digest('hex')).toBe(job.sha256);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }, 360_000);

  it('SIGTERM while an export runs: the service waits for it up to SHUTDOWN_TIMEOUT_SECONDS, gives it back and stops; a restart finishes it', async () => {
    const { id: unionId } = await newUnion(t);
    await postVoucher(t, unionId, '2026-01-05', [
      { account: '10201', debit: '100.00' },
      { account: '401', credit: '100.00' },
    ]);
    const blocker = await t.sql.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE voucher_lines IN ACCESS EXCLUSIVE MODE');
    const id = (await t.http().post(`/api/unions/${unionId}/exports`).send({ kind: 'voucher-journal', from: '2026-01', to: '2026-01' }).expect(202)).body.id;
    const timeoutS = 3;
    const first = await serviceProcess({ SHUTDOWN_TIMEOUT_SECONDS: String(timeoutS) });
    try {
      for (const deadline = Date.now() + 60_000; (await state(id)).state !== 'running'; await sleep(100)) {
        if (Date.now() > deadline) throw new Error('the export did not start');
      }
      const exited = new Promise((r) => first.once('exit', r));
      const began = Date.now();
      first.kill('SIGTERM');
      await exited;
      const took = Date.now() - began;
      // it waited for the running job (it did not drop it at once), and stopped soon after the deadline: the
      // job given back, its worker stopped, the app and the pool closed (GracefulShutdown allows 5 s for that)
      expect(took).toBeGreaterThanOrEqual(timeoutS * 1000 - 250);
      expect(took).toBeLessThan(timeoutS * 1000 + 12_000);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expect((await state(id)).state).not.toBe('done');

    const second = await serviceProcess();
    let job = await state(id);
    for (const deadline = Date.now() + 90_000; !['done', 'failed'].includes(job.state) && Date.now() < deadline; await sleep(200)) job = await state(id);
    expect(job).toMatchObject({ state: 'done', percent: 100 });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(job.rows_done).toBe(job.rows_total);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }, 360_000);
});
