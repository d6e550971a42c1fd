import { startTestApp, TestApp } from '../support/test-app';

interface Line {
  level: string;
  time: string;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

/** One log format (pino JSON lines), the request id on every line of a request, and never a secret. */
describe('logs', () => {
  let t: TestApp;
  const raw: string[] = [];
  const lines = (): Line[] => raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: { write: (chunk) => void raw.push(chunk) } });
  });
  afterAll(() => t.close());

  it('writes every line, from Nest and from Fastify, as one JSON object with a level word, an ISO time and a message', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(20);
    for (const l of all) {
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(l.level);
      expect(l.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(typeof l.msg).toBe('string');
    }
    // Nest's own lines (start-up) come through the same logger, with their context
    expect(all.some((l) => l.context === 'RoutesResolver')).toBe(true);
  });

  it("puts the request's id on its line, the caller's X-Request-Id when given", async () => {
    const res = await t.http().get('/api/centers').set('x-request-id', 'req-logs-000001').expect(200);
    expect(res.headers['x-request-id']).toBe('req-logs-000001');
    const line = lines().find((l) => l.requestId === 'req-logs-000001' && l.msg === 'request completed');
    expect(line).toMatchObject({ level: 'info', method: 'GET', url: '/api/centers', route: '/api/centers', statusCode: 200 });
  });

  it('never logs a credential passed in the query string', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.query-token-must-not-be-logged.sig';
    const res = await t.http().get(`/api/centers?access_token=${token}&page=1`).set('x-request-id', 'req-logs-000002');
    expect(res.status).toBe(200);
    expect(raw.join('')).not.toContain('query-token-must-not-be-logged');
    const line = lines().find((l) => l.requestId === 'req-logs-000002' && l.msg === 'request completed');
    expect(line).toMatchObject({ url: '/api/centers?access_token=[redacted]&page=1', statusCode: 200 });
  });

  it('logs a database failure with its request id but without the values of the statement (no password hash)', async () => {
    const password = 'a-secret-password-9f3k';
    await t.sql.query(`REVOKE INSERT ON users FROM ledger_service`);
    let res;
    try {
      res = await t.admin().post('/api/users').send({ username: 'logged.user', displayName: '日志', password });
    } finally {
      await t.sql.query(`GRANT INSERT ON users TO ledger_service`);
    }
    expect([res.status, res.body.code]).toEqual([500, 'INTERNAL_ERROR']);
    const failure = lines().find((l) => l.requestId === res.body.requestId && l.msg === 'unhandled error');
    expect(failure).toMatchObject({ level: 'error', err: { type: 'QueryFailedError', code: '42501' } });
    expect(String((failure!.err as { query: string }).query)).toContain('INSERT INTO');
    const text = raw.join('');
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(password);
    // every line written for that request carries its id
    const forRequest = lines().filter((l) => JSON.stringify(l).includes('logged.user') || l.requestId === res.body.requestId);
    expect(forRequest.length).toBeGreaterThanOrEqual(2);
    expect(forRequest.every((l) => l.requestId === res.body.requestId)).toBe(true);
  });
});
