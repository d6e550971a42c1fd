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
      ]),
    );
  });

  it('answers unknown routes with a coded 404 and echoes the request id', async () => {
    const res = await t.http().get('/api/nothing-here').set('x-request-id', 'req-12345678').expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', requestId: 'req-12345678' });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });
});
