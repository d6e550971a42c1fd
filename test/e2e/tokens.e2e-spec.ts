import { JwtService } from '@nestjs/jwt';
import { generateKeyPairSync } from 'node:crypto';
import { startTestApp, TEST_JWT_SECRET, TestApp, TestUser } from '../support/test-app';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Access tokens: only our key, only the configured algorithm (HS256), and every claim we rely on present and
 * well-formed — one case each, each answering 401 TOKEN_INVALID (never 500, never a session).
 */
describe('access tokens', () => {
  let t: TestApp;
  let u: TestUser;
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await startTestApp();
    u = await t.userWith([], 'token-holder');
  });
  afterAll(() => t.close());

  const call = (token: string) => t.as(token)().get('/api/auth/me');
  const refused = async (token: string) => {
    const res = await call(token);
    expect([res.status, res.body.code, res.body.message]).toEqual([401, 'TOKEN_INVALID', '登录凭证无效']);
  };

  it('accepts a token signed with our key, HS256, with exp, a UUID sub and an integer tv', async () => {
    const token = jwt.sign({ sub: u.id, tv: 0 }, { algorithm: 'HS256', expiresIn: 60 });
    expect((await call(token).expect(200)).body.id).toBe(u.id);
  });

  it('refuses a token without exp, even signed with the real key', async () => {
    const token = jwt.sign({ sub: u.id, tv: 0 }, { algorithm: 'HS256' });
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp).toBeUndefined();
    await refused(token);
  });

  it('refuses a missing or non-UUID sub, and a missing or non-integer tv, without a 500', async () => {
    for (const payload of [{ tv: 0 }, { sub: 'admin', tv: 0 }, { sub: 42, tv: 0 }, { sub: `${u.id}x`, tv: 0 }, { sub: u.id }, { sub: u.id, tv: '0' }, { sub: u.id, tv: 0.5 }]) {
      await refused(jwt.sign(payload, { algorithm: 'HS256', expiresIn: 60 }));
    }
  });

  it('refuses alg none', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      await refused(`${b64({ alg, typ: 'JWT' })}.${b64({ sub: u.id, tv: 0, exp: now() + 60 })}.`);
    }
  });

  it('refuses any algorithm but HS256, even with our key', async () => {
    for (const algorithm of ['HS384', 'HS512'] as const) {
      await refused(jwt.sign({ sub: u.id, tv: 0 }, { algorithm, expiresIn: 60 }));
    }
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await refused(new JwtService({ privateKey }).sign({ sub: u.id, tv: 0 }, { algorithm: 'RS256', expiresIn: 60 }));
    const { privateKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await refused(new JwtService({ privateKey: ec }).sign({ sub: u.id, tv: 0 }, { algorithm: 'ES256', expiresIn: 60 }));
  });

  it('refuses another key, and says so when a token has expired', async () => {
    await refused(new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' }).sign({ sub: u.id, tv: 0 }, { expiresIn: 60 }));
    const expired = await call(jwt.sign({ sub: u.id, tv: 0, exp: now() - 5 }, { algorithm: 'HS256' }));
    expect([expired.status, expired.body.code, expired.body.message]).toEqual([401, 'TOKEN_INVALID', '登录已过期，请刷新或重新登录']);
  });
});

describe('logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("revokes only the caller's own refresh family: another user's token presented at logout stays valid", async () => {
    const a = await t.userWith([], 'alice');
    const b = await t.userWith([], 'bob');
    const aSession = await t.login(a.username, a.password);
    const bSession = await t.login(b.username, b.password);
    // b presents a's refresh token: nothing happens to a's session, and b learns nothing from the answer
    await t.as(bSession.accessToken)().post('/api/auth/logout').send({ refreshToken: aSession.refreshToken }).expect(204);
    const stillValid = await t.anon().post('/api/auth/refresh').send({ refreshToken: aSession.refreshToken }).expect(200);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.logout'`);
    expect(rows[0].n).toBe(0);
    // a's own logout ends a's family (the rotated token included)
    await t.as(stillValid.body.accessToken)().post('/api/auth/logout').send({ refreshToken: stillValid.body.refreshToken }).expect(204);
    expect((await t.anon().post('/api/auth/refresh').send({ refreshToken: stillValid.body.refreshToken }).expect(401)).body.code).toMatch(/REFRESH_TOKEN_/);
    // b's session was never touched
    await t.anon().post('/api/auth/refresh').send({ refreshToken: bSession.refreshToken }).expect(200);
  });
});
