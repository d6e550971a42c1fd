import { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { holdTransaction } from '../support/locks';
import { startJobProcess } from '../support/job-process';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A close run whose service process dies (kill -9) half-way: after a restart the run goes on from the unions
 * still pending and finishes. Unions closed before the crash keep their outcome and are not closed again; a
 * union closed by hand while the run waited is reported as closed before, with nothing posted twice.
 */
describe('a close run survives the death of its process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ul-close-runs-restart-'));
  let t: TestApp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // the test app only queues (JOBS_RUN=false); the run is done by real service processes started below
    t = await startTestApp({ env: { JOBS_RUN: 'false' } });
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

  const outcomes = async (runId: string) =>
    Object.fromEntries(
      (await t.sql.query<{ union_id: string; outcome: string }>(`SELECT union_id, outcome FROM close_run_unions WHERE run_id = $1`, [runId])).rows.map((r) => [r.union_id, r.outcome]),
    );
  const run = async (runId: string) => (await t.sql.query<{ state: string; attempts: number }>(`SELECT state, attempts FROM close_runs WHERE id = $1`, [runId])).rows[0];
  const books = async (unionIds: string[]) =>
    (
      await t.sql.query<{ union_id: string; vouchers: number; closes: number }>(
        `SELECT u.id AS union_id, (SELECT count(*)::int FROM vouchers v WHERE v.union_id = u.id) AS vouchers,
                (SELECT count(*)::int FROM period_events e WHERE e.union_id = u.id AND e.action = 'close') AS closes
           FROM unions u WHERE u.id = ANY($1) ORDER BY u.id`,
        [unionIds],
      )
    ).rows;

  it('kill -9 in the middle of a run: the restarted service finishes it; nothing closed twice', async () => {
    const center = await newCenter(t);
    const unions = [];
    for (let i = 0; i < 5; i++) unions.push(await newUnion(t, { centerId: center.id }));
    for (const u of unions) await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    const ids = unions.map((u) => u.id);
    const [stuck, byHand] = [ids[0], ids[1]];

    const runId = (await t.http().post(`/api/centers/${center.id}/close-runs`).send({ period: '2026-01' }).expect(202)).body.id;
    // while the run waits in its queue, one union is closed by hand: the run must only report it
    await t.http().post(`/api/unions/${byHand}/periods/2026-01/close`).send({}).expect(200);
    const byHandBooks = await books([byHand]);
    // one union's close will wait on its periods lock: the run is caught half-way
    const held = await holdTransaction(t, [[`SELECT pg_advisory_xact_lock(ledger_periods_lock_key($1::uuid))`, [stuck]]]);
    let first: ChildProcess | undefined;
    try {
      first = await serviceProcess();
      for (const deadline = Date.now() + 90_000; ; await sleep(100)) {
        const now = await outcomes(runId);
        if (Object.values(now).filter((o) => o !== 'pending').length === 4) break;
        if (Date.now() > deadline) throw new Error(`the run did not get past the other unions: ${JSON.stringify(now)}`);
      }
      first.kill('SIGKILL');
      await new Promise((r) => first!.once('exit', r));
    } finally {
      await held.rollback();
    }
    const before = await outcomes(runId);
    expect(before[stuck]).toBe('pending');
    expect(before[byHand]).toBe('already');
    expect(Object.values(before).sort()).toEqual(['already', 'closed', 'closed', 'closed', 'pending']);
    expect(await run(runId)).toMatchObject({ state: 'running', attempts: 1 }); // nobody finished it
    const closedBefore = await books(ids.filter((x) => x !== stuck));

    const second = await serviceProcess();
    let state = await run(runId);
    for (const deadline = Date.now() + 120_000; !['done', 'failed'].includes(state.state) && Date.now() < deadline; await sleep(200)) state = await run(runId);
    expect(state).toMatchObject({ state: 'done', attempts: 2 });
    const after = await outcomes(runId);
    expect(after).toEqual({ ...before, [stuck]: 'closed' });
    // the unions done before the crash were not touched again: same vouchers, one close event each
    expect(await books(ids.filter((x) => x !== stuck))).toEqual(closedBefore);
    expect(await books([byHand])).toEqual(byHandBooks);
    for (const b of await books(ids)) expect(b.closes).toBe(1);
    const status = await t.http().get(`/api/centers/${center.id}/close-runs/${runId}`).expect(200);
    expect(status.body.progress).toMatchObject({ total: 5, done: 5, closed: 4, already: 1, pending: 0 });
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }, 900_000); // two service starts under ts-node: minutes on a shared, loaded machine
});
