import { setTimeout as sleep } from 'node:timers/promises';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

interface RunBody {
  id: string;
  state: string;
  period: string;
  progress: Record<string, number>;
  unions: { items: { unionId: string; code: string; outcome: string; reasons: { code: string }[]; closingVouchers: { kind: string; displayNumber: string }[] }[]; total: number };
}

/** 批量结账 as a background job (a close run): start, progress, per-union outcomes, one live run per month, bad input. */
describe('close runs (后台批量结账)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const start = (centerId: string, body: Record<string, unknown>) => t.http().post(`/api/centers/${centerId}/close-runs`).send(body);
  const status = (centerId: string, runId: string, query = '') => t.http().get(`/api/centers/${centerId}/close-runs/${runId}${query}`);
  async function finished(centerId: string, runId: string): Promise<RunBody> {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(200)) {
      const res = await status(centerId, runId).expect(200);
      if (['done', 'failed'].includes(res.body.state)) return res.body;
    }
    throw new Error(`close run ${runId} did not finish`);
  }
  const vouchersOf = async (unionId: string) => (await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [unionId])).rows[0].n;

  it('closes every union it can in the background and reports each: closed, closed before, refused with the reason', async () => {
    const center = await newCenter(t);
    const ready = await newUnion(t, { centerId: center.id });
    const drafts = await newUnion(t, { centerId: center.id });
    const done = await newUnion(t, { centerId: center.id });
    await postVoucher(t, ready.id, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    await postVoucher(t, drafts.id, '2026-01-05', [{ account: '10201', debit: '10.00' }, { account: '402', credit: '10.00' }], { post: false });
    await t.http().post(`/api/unions/${done.id}/periods/2026-01/close`).send({}).expect(200);
    const doneVouchers = await vouchersOf(done.id);

    const started = await start(center.id, { period: '2026-01' }).expect(202);
    expect(started.body).toMatchObject({ centerId: center.id, period: '2026-01', progress: { total: 3 }, createdBy: expect.any(String) });
    expect(['queued', 'running', 'done']).toContain(started.body.state);

    const run = await finished(center.id, started.body.id);
    expect(run).toMatchObject({ state: 'done', attempts: 1, progress: { total: 3, done: 3, percent: 100, pending: 0, closed: 1, already: 1, refused: 1, failed: 0 } });
    const byUnion = Object.fromEntries(run.unions.items.map((u) => [u.unionId, u]));
    expect(byUnion[ready.id]).toMatchObject({ outcome: 'closed', reasons: [], closingVouchers: [{ kind: 'period-end', displayNumber: expect.stringMatching(/^记-202601-/) }] });
    expect(byUnion[done.id]).toMatchObject({ outcome: 'already', reasons: [], closingVouchers: [] });
    expect(byUnion[drafts.id]).toMatchObject({ outcome: 'refused', reasons: [expect.objectContaining({ code: 'PERIOD_HAS_DRAFTS', details: { drafts: 1 } })] });
    // in union code order, and the books agree
    const codes = run.unions.items.map((u) => u.code);
    expect(codes).toEqual([...codes].sort());
    expect((await t.http().get(`/api/unions/${ready.id}/periods/2026-01`).expect(200)).body.status).toBe('closed');
    expect((await t.http().get(`/api/unions/${drafts.id}/periods/2026-01`).expect(200)).body.status).toBe('open');
    expect(await vouchersOf(done.id)).toBe(doneVouchers);

    // paged and filtered
    const refused = await status(center.id, run.id, '?outcome=refused').expect(200);
    expect(refused.body.unions).toMatchObject({ total: 1, items: [{ unionId: drafts.id }] });
    const second = await status(center.id, run.id, '?page=2&pageSize=1').expect(200);
    expect(second.body.unions).toMatchObject({ page: 2, pageSize: 1, total: 3, items: [{ code: codes[1] }] });

    // the center's runs, newest first
    const list = await t.http().get(`/api/centers/${center.id}/close-runs?period=2026-01`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: run.id, state: 'done', progress: { closed: 1, already: 1, refused: 1 } }] });
    expect((await t.http().get(`/api/centers/${center.id}/close-runs?period=2026-02`).expect(200)).body).toMatchObject({ total: 0, items: [] });

    // a second run of the same month, once the first is over: the drafts' union still refused, nothing closed twice
    await t.http().delete(`/api/unions/${drafts.id}/vouchers/${(await t.sql.query(`SELECT id FROM voucher_drafts WHERE union_id = $1`, [drafts.id])).rows[0].id}`).expect(204);
    const again = await finished(center.id, (await start(center.id, { period: '2026-01', unionIds: [drafts.id, ready.id] }).expect(202)).body.id);
    expect(again.progress).toMatchObject({ total: 2, closed: 1, already: 1 });
    expect(Object.fromEntries(again.unions.items.map((u) => [u.unionId, u.outcome]))).toEqual({ [drafts.id]: 'closed', [ready.id]: 'already' });
  });

  it('two starts of the same center and month at once: one run (202), the other 409 — in either order', async () => {
    const center = await newCenter(t);
    await newUnion(t, { centerId: center.id });
    await newUnion(t, { centerId: center.id });
    const answers = await Promise.all([start(center.id, { period: '2026-01' }), start(center.id, { period: '2026-01' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const winner = answers.find((a) => a.status === 202)!;
    const loser = answers.find((a) => a.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'CLOSE_RUN_RUNNING' });
    // the refusal names the live run, unless that run finished before the refusal could read it
    expect([winner.body.id, null]).toContain(loser.body.details.runId);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM close_runs WHERE center_id = $1`, [center.id]);
    expect(rows[0].n).toBe(1);
    await finished(center.id, winner.body.id);
    // once over, the month may be run again (another month never was held back)
    await start(center.id, { period: '2026-01' }).expect(202);
  });

  it('refuses bad input with stable codes and starts nothing', async () => {
    const center = await newCenter(t);
    const union = await newUnion(t, { centerId: center.id });
    const other = await newUnion(t);
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const res = await start(center.id, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      return res.body;
    };
    await refused({}, 400, 'VALIDATION_FAILED');
    await refused({ period: '2026-13' }, 400, 'VALIDATION_FAILED');
    await refused({ period: '2026-01', unionIds: ['not-a-uuid'] }, 400, 'VALIDATION_FAILED');
    const future = await refused({ period: '2099-01' }, 409, 'PERIOD_NOT_ENDED');
    expect(future.message).toContain('尚未结束');
    const foreign = await refused({ period: '2026-01', unionIds: [union.id, other.id] }, 422, 'CLOSE_RUN_UNIONS_INVALID');
    expect(foreign.details).toEqual({ unionIds: [other.id] });
    expect(foreign.message).toMatch(/[\u4e00-\u9fa5]/);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM close_runs WHERE center_id = $1`, [center.id]);
    expect(rows[0].n).toBe(0);

    const unknown = '01900000-0000-7000-8000-00000000c105';
    expect((await status(center.id, unknown).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().get(`/api/centers/${center.id}/close-runs?period=2026`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const run = (await start(center.id, { period: '2026-01' }).expect(202)).body;
    expect((await status(center.id, run.id, '?outcome=maybe').expect(400)).body.code).toBe('VALIDATION_FAILED');
    // a run is reached through its own center only
    expect((await status(other.centerId, run.id).expect(404)).body.code).toBe('NOT_FOUND');
    await finished(center.id, run.id);
  });

  it("another center's run is 404 for a center user, and a role without 结账 gets 403", async () => {
    const mine = await newCenter(t);
    const theirs = await newCenter(t);
    await newUnion(t, { centerId: theirs.id });
    const run = (await start(theirs.id, { period: '2026-01' }).expect(202)).body;
    const accountant = await t.userWith([{ role: 'accountant', centerId: mine.id }], 'runs-accountant');
    const cashier = await t.userWith([{ role: 'cashier', centerId: theirs.id }], 'runs-cashier');
    for (const path of [`/api/centers/${theirs.id}/close-runs/${run.id}`, `/api/centers/${theirs.id}/close-runs`]) {
      expect((await accountant.http().get(path).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await cashier.http().get(path).expect(403)).body.code).toBe('FORBIDDEN');
    }
    expect((await accountant.http().get(`/api/centers/${mine.id}/close-runs/${run.id}`).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await accountant.http().post(`/api/centers/${theirs.id}/close-runs`).send({ period: '2026-01' }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await cashier.http().post(`/api/centers/${theirs.id}/close-runs`).send({ period: '2026-01' }).expect(403)).body.code).toBe('FORBIDDEN');
    await finished(theirs.id, run.id);
  });

  it('the synchronous batch close takes a few unions only, and points to the close run for more', async () => {
    const center = await newCenter(t);
    for (let i = 0; i < 51; i++) await newUnion(t, { centerId: center.id });
    const res = await t.http().post(`/api/centers/${center.id}/periods/2026-01/close`).send({}).expect(422);
    expect(res.body).toMatchObject({ code: 'CLOSE_BATCH_TOO_LARGE', details: { unions: 51, limit: 50 } });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM periods p JOIN unions u ON u.id = p.union_id WHERE u.center_id = $1 AND p.status = 'closed'`, [center.id]);
    expect(rows[0].n).toBe(0);
  });
});
