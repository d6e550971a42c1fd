import { claimBody, claimUnion, ClaimPeople } from '../support/claims';
import { newUnion } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

/**
 * The causes of 500 that issue 16 found by fuzzing, one case each: every one is a 400 with a stable code and
 * a Chinese message naming the field, and changes nothing. test/e2e/fuzz.e2e-spec.ts looks for the others.
 */
describe('bad input never gives a 500', () => {
  let t: TestApp;
  let unionId: string;
  let p: ClaimPeople;
  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
    await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P1', name: '职工书屋' }).expect(201);
    p = await claimUnion(t, { funds: '1000.00' });
  });
  afterAll(() => t.close());

  const json = (req: ReturnType<ReturnType<TestApp['anon']>['post']>, text: string) => req.set('content-type', 'application/json').send(text);

  it('refuses a body nested deeper than 32 levels before parsing it, also on login and refresh', async () => {
    for (const [path, text] of [
      ['/api/auth/login', `{"username":"admin","password":${nested(10_000)}}`],
      ['/api/auth/refresh', `{"refreshToken":${nested(33)}}`],
      ['/api/auth/login', `{"username":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"password":"x"}`],
    ]) {
      const res = await json(t.anon().post(path), text).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求内容嵌套层数过多（最多 32 层）' });
    }
    // 32 levels are parsed (and then refused by the DTO like any other wrong value)
    const deepest = await json(t.anon().post('/api/auth/login'), `{"username":"admin","password":${nested(31, '"x"')}}`).expect(400);
    expect(deepest.body.details.errors[0]).toMatchObject({ field: 'password', rule: 'isString' });
  });

  it('refuses NUL and lone surrogates as invalid text, naming the field, wherever they are', async () => {
    const nul = await t.anon().post('/api/auth/login').send({ username: 'ad\u0000min', password: 'x' }).expect(400);
    expect(nul.body.details.errors[0]).toMatchObject({ field: 'username', label: '用户名', rule: 'validText' });
    const lone = await json(t.http().patch(`/api/unions/${unionId}`), '{"name":"工会\\ud800"}').expect(400);
    expect(lone.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '工会名称含有无法保存的字符（空字符或不成对的代理字符），请重新输入' });
    const inLine = await t
      .http()
      .post(`/api/unions/${unionId}/vouchers`)
      .send({ date: '2026-01-05', lines: [{ summary: 'a\u0000', account: '10201', debit: '1.00' }, { summary: 'b', account: '402', credit: '1.00' }] })
      .expect(400);
    expect(inLine.body.details.errors[0]).toMatchObject({ field: 'lines.0.summary', label: '分录第 1 行的摘要', rule: 'validText' });
    const inQuery = await t.http().get(`/api/unions/${unionId}/vouchers?text=${encodeURIComponent('a\u0000')}`).expect(400);
    expect(inQuery.body.details.errors[0]).toMatchObject({ field: 'text', rule: 'validText' });
    const inKey = await json(t.http().post(`/api/centers/${p.centerId}/claim-rules`), '{"name":"r","effectiveFrom":"2027-01-01","rules":{"caps\\udc00":[]}}').expect(400);
    expect(inKey.body.details.errors[0].rule).toBe('validText');
  });

  it('validates agreementDate and every other date as a real calendar date', async () => {
    for (const agreementDate of ['2026-02-30', '2026-13-01', '0000-01-01', '2026-1-1']) {
      const res = await t.http().patch(`/api/unions/${unionId}`).send({ agreementDate }).expect(400);
      expect(res.body.details.errors[0]).toMatchObject({ field: 'agreementDate', rule: 'isCalendarDate' });
    }
    await t.http().patch(`/api/unions/${unionId}`).send({ agreementDate: '2024-02-29' }).expect(200);
    // null clears what may be empty
    expect((await t.http().patch(`/api/unions/${unionId}`).send({ agreementDate: null }).expect(200)).body.agreementDate).toBeNull();
  });

  it('refuses null for names and flags that cannot be emptied (union and project PATCH)', async () => {
    const union = await t.http().patch(`/api/unions/${unionId}`).send({ name: null }).expect(400);
    expect(union.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '工会名称不能为空' });
    const project = await t.http().patch(`/api/unions/${unionId}/projects/P1`).send({ name: null }).expect(400);
    expect(project.body.message).toBe('项目名称不能为空');
    await t.http().patch(`/api/unions/${unionId}/projects/P1`).send({ active: null }).expect(400);
    const { rows } = await t.sql.query(`SELECT name, is_active FROM projects WHERE union_id = $1`, [unionId]);
    expect(rows).toEqual([{ name: '职工书屋', is_active: true }]);
  });

  it('refuses a claim without payee, with a nested array as a line, or with null fields on update', async () => {
    const { payee: _payee, ...withoutPayee } = claimBody();
    const missing = await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(withoutPayee).expect(400);
    expect(missing.body.message).toBe('收款人信息不能为空');
    for (const lines of [[[]], [['x']], [[claimBody().lines[0]]], 'x', [1]]) {
      const res = await p.clerk().post(`/api/unions/${p.unionId}/claims`).send({ ...claimBody(), lines }).expect(400);
      expect(res.body.message).toMatch(/^明细/);
    }
    const created = await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(claimBody()).expect(201);
    for (const field of ['purpose', 'payee', 'lines', 'eventDate']) {
      const res = await p.clerk().patch(`/api/unions/${p.unionId}/claims/${created.body.id}`).send({ [field]: null }).expect(400);
      expect(res.body.details.errors[0]).toMatchObject({ field, rule: 'isDefined' });
    }
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM claims WHERE union_id = $1`, [p.unionId]);
    expect(rows[0].n).toBe(1);
  });

  it('bounds query numbers', async () => {
    for (const page of ['1e20', '100001', '-1', '1.5', 'NaN', '']) {
      const res = await t.http().get(`/api/unions/${unionId}/vouchers?page=${page}`);
      expect([page, res.status]).toEqual([page, 400]);
    }
    expect((await t.http().get(`/api/unions?pageSize=501`).expect(400)).body.details.errors[0]).toMatchObject({ field: 'pageSize', rule: 'max' });
    expect((await t.http().get(`/api/unions/${unionId}/vouchers?page=100000`).expect(200)).body.items).toEqual([]);
  });
});
