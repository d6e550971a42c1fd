import { ADMIN, startTestApp, TestApp } from '../support/test-app';
import { newCenter } from '../support/builders';

describe('identity: login, tokens, passwords, lockout', () => {
  let t: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    // request logs at debug level, captured: no secret may appear in them
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: { write: (line) => void logLines.push(line) } });
  });
  afterAll(() => t.close());

  it('logs in with a bearer access token and a refresh token, and knows who is calling', async () => {
    const u = await t.userWith([], 'zhang');
    const res = await t.login(u.username, u.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 600, user: { username: u.username, mustChangePassword: false } });
    expect(res.accessToken.split('.')).toHaveLength(3);
    const me = await t.as(res.accessToken)().get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ id: u.id, username: u.username, grants: [] });
    expect(JSON.stringify(me.body)).not.toMatch(/passwordHash|password_hash|\$argon2/i);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const u = await t.userWith([], 'li');
    const wrong = await t.login(u.username, 'not-the-password');
    const unknown = await t.login('nobody-here', 'not-the-password');
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect([unknown.status, unknown.body.code, unknown.body.message]).toEqual([401, 'INVALID_CREDENTIALS', wrong.body.message]);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password, until an administrator resets it', async () => {
    const u = await t.userWith([], 'wang');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.login(u.username, `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await t.login(u.username, u.password);
    expect([right.status, right.body.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    const lockedUntil = new Date(right.body.details.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // the administrator's reset unlocks, and the user must choose a new password at once
    const reset = await t.admin().post(`/api/users/${u.id}/reset-password`).send({}).expect(200);
    expect(reset.body.temporaryPassword).toEqual(expect.any(String));
    const login = await t.login(u.username, reset.body.temporaryPassword);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const http = t.as(login.accessToken);
    expect((await http().get('/api/centers').expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await http().post('/api/auth/password').send({ currentPassword: reset.body.temporaryPassword, newPassword: 'short' }).expect(422);
    expect(weak.body.code).toBe('PASSWORD_POLICY');
    const named = await http().post('/api/auth/password').send({ currentPassword: reset.body.temporaryPassword, newPassword: `x-${u.username}-x` }).expect(422);
    expect(named.body.code).toBe('PASSWORD_POLICY');
    const changed = await http().post('/api/auth/password').send({ currentPassword: reset.body.temporaryPassword, newPassword: 'a-much-better-passphrase' }).expect(200);
    // the new pair works, the old access token is dead
    await t.as(changed.body.accessToken)().get('/api/centers').expect(200);
    expect((await http().get('/api/auth/me').expect(401)).body.code).toBe('TOKEN_INVALID');
    expect((await t.login(u.username, 'a-much-better-passphrase')).status).toBe(200);
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const u = await t.userWith([], 'zhao');
    const first = await t.login(u.username, u.password);
    const second = await t.anon().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    await t.as(second.body.accessToken)().get('/api/auth/me').expect(200);
    // the first refresh token again: someone copied it, so every token of the family dies
    const reused = await t.anon().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await t.anon().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401)).body.code).toMatch(/REFRESH_TOKEN_/);
    expect((await t.anon().post('/api/auth/refresh').send({ refreshToken: 'x'.repeat(40) }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('logs out: the refresh token stops working', async () => {
    const u = await t.userWith([], 'qian');
    const s = await t.login(u.username, u.password);
    await t.as(s.accessToken)().post('/api/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    expect((await t.anon().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401)).body.code).toMatch(/REFRESH_TOKEN_/);
  });

  it('disables a user: tokens stop working at once and login is refused; the last administrator stays', async () => {
    const center = await newCenter(t);
    const u = await t.userWith([{ role: 'accountant', centerId: center.id }], 'sun');
    await u.http().get('/api/centers').expect(200);
    const s = await t.login(u.username, u.password);
    await t.admin().post(`/api/users/${u.id}/disable`).expect(200);
    expect((await u.http().get('/api/centers').expect(401)).body.code).toBe('TOKEN_INVALID');
    expect((await t.login(u.username, u.password)).body.code).toBe('ACCOUNT_DISABLED');
    // disabling revoked the user's refresh tokens too
    expect((await t.anon().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
    await t.admin().post(`/api/users/${u.id}/enable`).expect(200);
    expect((await t.login(u.username, u.password)).status).toBe(200);

    const me = (await t.admin().get('/api/auth/me').expect(200)).body;
    expect((await t.admin().post(`/api/users/${me.id}/disable`).expect(409)).body.code).toMatch(/SELF_DISABLE|LAST_ADMIN/);
  });

  it('validates users and grants: scope must fit the role, no duplicates, short passwords refused', async () => {
    const center = await newCenter(t);
    const short = await t.admin().post('/api/users').send({ username: 'shorty', displayName: 's', password: 'abc' }).expect(422);
    expect(short.body.code).toBe('PASSWORD_POLICY');
    const u = (await t.admin().post('/api/users').send({ username: 'zhou.kuaiji', displayName: '周会计' }).expect(201)).body;
    expect(u.temporaryPassword).toEqual(expect.any(String));
    expect(u.mustChangePassword).toBe(true);
    expect((await t.admin().post('/api/users').send({ username: 'zhou.kuaiji', displayName: 'x' }).expect(409)).body.code).toBe('USERNAME_TAKEN');
    expect((await t.admin().post(`/api/users/${u.id}/grants`).send({ role: 'chair', centerId: center.id }).expect(422)).body.code).toBe('GRANT_SCOPE_INVALID');
    await t.admin().post(`/api/users/${u.id}/grants`).send({ role: 'accountant', centerId: center.id }).expect(201);
    expect((await t.admin().post(`/api/users/${u.id}/grants`).send({ role: 'accountant', centerId: center.id }).expect(409)).body.code).toBe('GRANT_EXISTS');
    const listed = (await t.admin().get('/api/users?q=zhou').expect(200)).body;
    expect(listed.items[0]).toMatchObject({ username: 'zhou.kuaiji', grants: [{ role: 'accountant', centerId: center.id }] });
    expect(listed.items[0].temporaryPassword).toBeUndefined();
  });

  it('never puts a password, hash or token into a response body or a log line', async () => {
    const u = await t.userWith([], 'secret');
    const s = await t.login(u.username, u.password);
    await t.anon().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
    const users = await t.admin().get('/api/users?pageSize=100').expect(200);
    const audit = await t.admin().get('/api/audit-log?pageSize=200').expect(200);
    const { rows } = await t.sql.query(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
    const hash: string = rows[0].password_hash;
    expect(hash).toMatch(/^\$argon2id\$/);
    const bodies = JSON.stringify([users.body, audit.body]);
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of [u.password, hash, s.accessToken, s.refreshToken, ADMIN.password]) {
      expect(bodies).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    // one line per request, without headers or bodies
    expect(logLines.some((l) => l.includes('"url":"/api/auth/refresh"'))).toBe(true);
  });
});
