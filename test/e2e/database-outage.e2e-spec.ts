import { newUnion, postVoucher, saveDraft } from '../support/builders';
import { databaseProxy, DatabaseProxy } from '../support/db-proxy';
import { holdTransaction, lockWaiters } from '../support/locks';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The database server goes away under a running app (DATABASE_URL restarted, network cut) and comes back:
 * meanwhile every call that needs it answers 503 DATABASE_UNAVAILABLE with a Chinese message and
 * Retry-After, /health is down, nothing is half written; afterwards the app serves again without a restart
 * (the pool opens new connections). The app reaches the database through a proxy the test takes down.
 */
describe('database outage under a running app', () => {
  let t: TestApp;
  let proxy: DatabaseProxy;
  let unionId: string;
  const draft = { date: '2026-01-05', lines: [{ account: '50105', debit: '10.00', summary: '活动' }, { account: '101', credit: '10.00', summary: '现金' }] };

  beforeAll(async () => {
    t = await startTestApp({
      appDatabaseUrl: async (url) => {
        proxy = await databaseProxy(url);
        return proxy.url;
      },
    });
    unionId = (await newUnion(t)).id;
    await postVoucher(t, unionId, '2026-01-04', [{ account: '101', debit: '100.00' }, { account: '402', credit: '100.00' }]);
  });
  afterAll(async () => {
    await proxy.up().catch(() => undefined);
    await t.close();
    await proxy.close();
  });

  async function vouchersInDatabase(): Promise<number> {
    const { rows } = await t.sql.query(
      `SELECT (SELECT count(*) FROM vouchers WHERE union_id = $1) + (SELECT count(*) FROM voucher_drafts WHERE union_id = $1) AS n`,
      [unionId],
    );
    return Number(rows[0].n);
  }

  it('answers 503 with a stable code, a Chinese message and Retry-After while the database is away', async () => {
    expect((await t.http().get(`/api/unions/${unionId}`)).status).toBe(200);
    const before = await vouchersInDatabase();
    await proxy.down();

    const reads = await t.http().get(`/api/unions/${unionId}/vouchers`);
    expect(reads.status).toBe(503);
    expect(reads.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/数据库暂时无法访问/), requestId: expect.any(String) });
    expect(reads.headers['retry-after']).toBe('5');

    const write = await saveDraft(t, unionId, draft);
    expect(write.status).toBe(503);
    expect(write.body.code).toBe('DATABASE_UNAVAILABLE');

    const login = await t.anon().post('/api/auth/login').send({ username: 'admin', password: 'admin-password-for-tests' });
    expect(login.status).toBe(503);

    expect((await t.anon().get('/health')).status).toBe(503);

    await proxy.up();
    expect(await vouchersInDatabase()).toBe(before); // the refused draft left nothing behind
  });

  it('serves again when the database is back, without a restart', async () => {
    expect((await t.anon().get('/health')).status).toBe(200);
    expect((await t.http().get(`/api/unions/${unionId}/vouchers`)).status).toBe(200);
    const saved = await saveDraft(t, unionId, draft);
    expect(saved.status).toBe(201);
    const posted = await t.reviewer().post(`/api/unions/${unionId}/vouchers/${saved.body.id}/post`);
    expect(posted.status).toBe(200);
  });

  it('a second outage, with connections cut while idle in the pool, is survived alike', async () => {
    await proxy.down();
    const statuses = await Promise.all(Array.from({ length: 6 }, () => t.http().get(`/api/unions/${unionId}/vouchers`).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([503]));
    await proxy.up();
    const after = await Promise.all(Array.from({ length: 6 }, () => t.http().get(`/api/unions/${unionId}/vouchers`).then((r) => r.status)));
    expect(new Set(after)).toEqual(new Set([200]));
  });
});

/**
 * The service saturated, the database fine: every pooled connection is busy for longer than
 * DB_POOL_WAIT_SECONDS. The request that finds no connection answers 503 SERVICE_UNAVAILABLE with Retry-After
 * (not a 500, not DATABASE_UNAVAILABLE), and the work holding the connections still completes.
 */
describe('pool exhausted', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DB_POOL_SIZE: '1', DB_POOL_WAIT_SECONDS: '1' } });
  });
  afterAll(() => t.close());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when no connection frees up in time', async () => {
    const unionId = (await newUnion(t)).id;
    // the rename waits on the union's row, holding the app's only connection
    const held = await holdTransaction(t, [[`SELECT 1 FROM unions WHERE id = $1 FOR UPDATE`, [unionId]]]);
    try {
      const rename = t.http().patch(`/api/unions/${unionId}`).send({ name: '改名后的工会' }).then((r) => r);
      await lockWaiters(t, 1, 'transactionid');
      const shed = await t.http().get(`/api/unions/${unionId}/vouchers`);
      expect([shed.status, shed.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(shed.body.message).toMatch(/系统繁忙/);
      expect(shed.headers['retry-after']).toBe('2');
      await held.commit();
      expect((await rename).status).toBe(200);
    } finally {
      await held.rollback();
    }
    expect((await t.http().get(`/api/unions/${unionId}/vouchers`)).status).toBe(200);
  });
});
