import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** /metrics in Prometheus' text format: latency by route and status, postings, claim steps, queue depth, the pool. */
describe('metrics', () => {
  const token = 'metrics-token-for-the-tests';
  let t: TestApp;
  const scrape = async () => {
    const res = await t.anon().get('/metrics').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };
  const value = (text: string, series: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  beforeAll(async () => {
    // an API-only process: queued exports stay queued, so the queue depth is known
    t = await startTestApp({ env: { METRICS_TOKEN: token, JOBS_RUN: 'false' } });
  });
  afterAll(() => t.close());

  it('wants the scraper token when METRICS_TOKEN is set', async () => {
    const res = await t.anon().get('/metrics').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    await t.anon().get('/metrics').set('authorization', 'Bearer not-the-metrics-token').expect(401);
  });

  it('counts requests by route pattern and status, never by raw address', async () => {
    const before = await scrape();
    await t.http().get('/api/centers').expect(200);
    await t.http().get('/api/unions/0193a0c0-0000-7000-8000-000000000000').expect(404);
    const after = await scrape();
    const ok = 'http_request_duration_seconds_count{method="GET",route="/api/centers",status_code="200"}';
    expect(value(after, ok) - value(before, ok)).toBe(1);
    expect(after).toContain('route="/api/unions/:unionId",status_code="404"');
    expect(after).not.toContain('0193a0c0-0000-7000-8000-000000000000');
    expect(after).toContain('process_cpu_seconds_total');
  });

  it('counts a posted voucher after it is posted, not a refused post', async () => {
    const { id: unionId } = await newUnion(t);
    const manual = 'ledger_postings_total{source="voucher"}';
    const before = value(await scrape(), manual);
    const posted = await postVoucher(t, unionId, '2026-01-05', [
      { account: '10201', debit: '100.00' },
      { account: '401', credit: '100.00' },
    ]);
    const again = await t.reviewer().post(`/api/unions/${unionId}/vouchers/${posted.id}/post`);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(value(await scrape(), manual) - before).toBe(1);
  });

  it('shows the export queue depth and the database pool', async () => {
    const { id: unionId } = await newUnion(t);
    await t.http().post(`/api/unions/${unionId}/exports`).send({ kind: 'voucher-journal', from: '2026-01', to: '2026-01' }).expect(202);
    const text = await scrape();
    expect(value(text, 'jobs_queue_depth{queue="export"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'db_pool_max')).toBeGreaterThan(0);
    expect(value(text, 'db_pool_connections{state="total"}')).toBeGreaterThan(0);
  });
});
