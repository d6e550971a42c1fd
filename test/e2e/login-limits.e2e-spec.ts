import { PasswordService } from '../../src/auth/password.service';
import { startTestApp, TestApp } from '../support/test-app';

/** The answer to a login attempt as a prober sees it: the unlock time is a clock reading, not a difference. */
const seen = (res: { status: number; body: { code: string; message: string } }) => [res.status, res.body.code, res.body.message.replace(/\d{2}:\d{2}/, 'HH:MM')];

describe('lockout by login name: existing and unknown names answer alike', () => {
  let t: TestApp;
  let verifications = 0;
  beforeAll(async () => {
    t = await startTestApp();
    const passwords = t.app.get(PasswordService);
    const verify = passwords.verify.bind(passwords);
    passwords.verify = (hash, password) => {
      verifications++;
      return verify(hash, password);
    };
  });
  afterAll(() => t.close());

  /** One attempt, and how many argon2 verifications it cost. */
  const attempt = async (username: string, password: string) => {
    const before = verifications;
    const res = await t.anon().post('/api/auth/login').send({ username, password });
    return { res, cost: verifications - before };
  };

  it('gives the same status, code, message and work for an existing and an unknown name, locked or not', async () => {
    const u = await t.userWith([], 'real');
    const answers: Record<'real' | 'unknown', unknown[]> = { real: [], unknown: [] };
    for (let i = 0; i < 6; i++) {
      for (const [who, name] of [['real', u.username], ['unknown', `nobody-${u.username}`]] as const) {
        const { res, cost } = await attempt(name, `wrong-${i}`);
        answers[who].push([...seen(res), cost]);
      }
    }
    const wrong = [401, 'INVALID_CREDENTIALS', '用户名或密码不正确', 1];
    const lockedAnswer = [423, 'ACCOUNT_LOCKED', '密码错误次数过多，账户已锁定，请于 HH:MM 后再试', 1];
    expect(answers.real).toEqual([wrong, wrong, wrong, wrong, lockedAnswer, lockedAnswer]);
    expect(answers.unknown).toEqual(answers.real);

    // locked: the right password is refused too, at the same cost, with Retry-After
    const right = await attempt(u.username, u.password);
    expect([...seen(right.res), right.cost]).toEqual(lockedAnswer);
    const retryAfter = Number(right.res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(right.res.body.details.messageEn).toMatch(/locked until/);

    // the administrator sees the lock and lifts it with a reset
    expect((await t.admin().get(`/api/users/${u.id}`).expect(200)).body.lockedUntil).toEqual(right.res.body.details.lockedUntil);
    const reset = await t.admin().post(`/api/users/${u.id}/reset-password`).send({ newPassword: 'a-brand-new-passphrase' }).expect(200);
    expect(reset.body.lockedUntil).toBeNull();
    expect((await attempt(u.username, 'a-brand-new-passphrase')).res.status).toBe(200);
  });

  it('counts a name however it is typed, and a success clears its count', async () => {
    const u = await t.userWith([], 'casing');
    for (let i = 0; i < 4; i++) expect((await attempt(i % 2 ? `  ${u.username.toUpperCase()} ` : u.username, 'wrong')).res.status).toBe(401);
    expect((await attempt(u.username, u.password)).res.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(u.username, 'wrong')).res.status).toBe(401);
    expect((await attempt(u.username, u.password)).res.status).toBe(200);
  });

  it('records every failed attempt in the audit trail, for unknown names too, without the password', async () => {
    await attempt('ghost-user', 'my-secret-guess');
    const { rows } = await t.sql.query(`SELECT after FROM audit_log WHERE action = 'auth.login.failed' AND username = 'ghost-user'`);
    expect(rows.map((r) => r.after.reason)).toEqual(['unknown-user']);
    expect(JSON.stringify(rows)).not.toContain('my-secret-guess');
  });
});

describe('rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 5 attempts a minute per client address (behind a proxy: X-Forwarded-For); the set-up's own logins
    // come from 127.0.0.1
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5', TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  const from = (ip: string, username = 'nobody') => t.anon().post('/api/auth/login').set('x-forwarded-for', ip).send({ username, password: 'whatever-1234' });

  it('answers 429 in Chinese with Retry-After past the limit per address; other addresses go on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 429, 429]);
    const limited = await from('203.0.113.7');
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { limit: 5 } });
    expect(limited.body.message).toMatch(/^该地址登录尝试过于频繁，请 \d+ 秒后再试$/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await from('203.0.113.8', 'somebody-else')).status).toBe(401);
    // refresh shares the address's budget
    expect((await t.anon().post('/api/auth/refresh').set('x-forwarded-for', '203.0.113.7').send({ refreshToken: 'x'.repeat(40) })).status).toBe(429);
  });

  it('locks a name whatever addresses the attempts come from: the two limits are separate', async () => {
    const u = await t.userWith([], 'spread');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await from(`198.51.100.${i + 1}`, u.username)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
  });
});

describe('rate limit defaults fit an office', () => {
  let t: TestApp;
  beforeAll(async () => {
    // the default (100 a minute per address), not the test suite's
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '' } });
  });
  afterAll(() => t.close());

  it('lets 40 colleagues behind one address log in within a minute (the old limit was 10)', async () => {
    const people = [];
    for (let i = 0; i < 40; i++) people.push(await t.userWith([], `office-${i}`));
    for (const p of people) expect((await t.login(p.username, p.password)).status).toBe(200);
  });
});
