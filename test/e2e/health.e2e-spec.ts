import { startTestApp, TestApp } from '../support/test-app';

describe('health and API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health reports the database up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('GET /health/live answers without the database; /health/ready checks database and migrations', async () => {
    const live = await t.anon().get('/health/live').expect(200);
    expect(live.body.info.process).toMatchObject({ status: 'up', pid: process.pid });
    const ready = await t.anon().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, migrations: { status: 'up', pending: [] } });
  });

  it('is not ready while a migration of this build is not applied', async () => {
    const { rows } = await t.sql.query<{ id: number; timestamp: string; name: string }>(`SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`);
    const last = rows[0];
    await t.sql.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      for (const path of ['/health/ready', '/health']) {
        const res = await t.anon().get(path).expect(503);
        expect(res.body).toMatchObject({ status: 'error', error: { migrations: { status: 'down', pending: [last.name] } } });
      }
      await t.anon().get('/health/live').expect(200);
    } finally {
      await t.sql.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
    await t.anon().get('/health/ready').expect(200);
  });

  it('serves the OpenAPI document with the ledger paths', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/centers',
        '/api/unions',
        '/api/unions/{unionId}',
        '/api/unions/{unionId}/accounts',
        '/api/unions/{unionId}/opening-balances',
        '/api/unions/{unionId}/vouchers',
        '/api/unions/{unionId}/vouchers/{id}',
        '/api/unions/{unionId}/vouchers/{id}/post',
        '/api/unions/{unionId}/vouchers/{id}/reverse',
        '/api/unions/{unionId}/trial-balance',
        '/api/unions/{unionId}/ledger',
        '/api/unions/{unionId}/periods/{period}/close',
        '/api/unions/{unionId}/periods/{period}/reopen',
        '/health/live',
        '/health/ready',
      ]),
    );
  });

  it('answers unknown routes with a coded 404 and echoes the request id', async () => {
    const res = await t.http().get('/api/nothing-here').set('x-request-id', 'req-12345678').expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-12345678' });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });
});
