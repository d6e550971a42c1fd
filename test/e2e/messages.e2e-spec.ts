import { ENGLISH_PHRASE, HAS_CHINESE } from '../../src/common/validation/rule-messages';
import { newCenter, newUnion } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';


/** A Chinese message for the clerk, no English sentence in it; the English one for integrators in details. */
function expectChinese(body: { code: string; message: string; details?: { messageEn?: string; errors?: { message: string; messageEn: string }[] } }) {
  expect([body.code, HAS_CHINESE.test(body.message), ENGLISH_PHRASE.test(body.message)]).toEqual([body.code, true, false]);
  const en = body.details?.messageEn ?? body.details?.errors?.[0]?.messageEn;
  expect(typeof en).toBe('string');
}

describe('messages: Chinese for the clerk, English in details for integrators', () => {
  let t: TestApp;
  let unionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
  });
  afterAll(() => t.close());

  it('names the field in Chinese, with the rule, the path and the English message', async () => {
    const missing = await t.http().post(`/api/unions/${unionId}/vouchers`).send({ date: '2026-01-05' }).expect(400);
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '分录不能为空',
      details: { errors: [{ field: 'lines', label: '分录', rule: 'isDefined', message: '分录不能为空', messageEn: 'lines is required' }] },
    });

    const long = await t
      .http()
      .post(`/api/unions/${unionId}/vouchers`)
      .send({ date: '2026-01-05', lines: [{ summary: 'x'.repeat(201), account: '10201', debit: '1.00' }, { summary: 'y', account: '402', credit: '1.00' }] })
      .expect(400);
    expect(long.body.details.errors).toEqual([
      { field: 'lines.0.summary', label: '分录第 1 行的摘要', rule: 'isLength', message: '分录第 1 行的摘要不能为空，最长 200 个字符', messageEn: 'lines.0.summary must be 1 to 200 characters long' },
    ]);

    const kind = await t.http().post(`/api/unions/${unionId}/vouchers`).send({ date: '2026-02-30', type: 'x', lines: [] }).expect(400);
    expectChinese(kind.body);
    expect(kind.body.message).toMatch(/^凭证(日期|类别)/);
    expect(kind.body.message).toContain('（共 2 处问题）');
    expect(kind.body.details.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'type']);

    const unknown = await t.http().patch(`/api/unions/${unionId}`).send({ nickname: 'x' }).expect(400);
    expect(unknown.body.message).toBe('不支持的字段 nickname');

    const amount = await t
      .http()
      .post(`/api/unions/${unionId}/vouchers`)
      .send({ date: '2026-01-05', lines: [{ summary: 'a', account: '10201', debit: 12.5 }, { summary: 'b', account: '402', credit: '12.50' }] })
      .expect(400);
    expect(amount.body).toMatchObject({ code: 'AMOUNT_INVALID', message: '分录第 1 行的借方金额格式不正确：应为最多两位小数的字符串，如 "1234.50"' });
  });

  it('answers a missing or null object, a nested array and a wrong list item in Chinese', async () => {
    for (const body of [{ lines: 'abc' }, { lines: [['x']] }, { lines: [null] }]) {
      const res = await t.http().post(`/api/unions/${unionId}/vouchers`).send({ date: '2026-01-05', ...body }).expect(400);
      expectChinese(res.body);
      expect(res.body.message).toMatch(/^分录/);
    }
  });

  it('answers 401, 403, 404, 413 and 415 in Chinese, with the framework English in details', async () => {
    const anon = await t.anon().get('/api/centers').expect(401);
    expect(anon.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });

    // a clerk may not post: the 403 names the permission and the roles that hold it
    const center = await newCenter(t);
    const union = await newUnion(t, { centerId: center.id });
    const clerk = await t.userWith([{ role: 'clerk', unionId: union.id }], 'clerk');
    const denied = await clerk.http().get(`/api/unions/${union.id}/vouchers`).expect(403);
    expect(denied.body).toMatchObject({
      code: 'FORBIDDEN',
      message: '您没有“查阅账簿”的权限。拥有该权限的角色：中心主任、会计、出纳、工会主席、审计/经审',
      details: { permission: 'books:read', roles: ['director', 'accountant', 'cashier', 'chair', 'auditor'] },
    });
    expectChinese(denied.body);

    const route = await t.http().get('/api/no-such-thing').expect(404);
    expect(route.body).toMatchObject({ code: 'NOT_FOUND', message: '请求的资源不存在' });
    expectChinese(route.body);

    const large = await t.http().patch(`/api/unions/${unionId}`).set('content-type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(3_000_000) })).expect(413);
    expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（JSON 请求最大 2 MB）' });
    expectChinese(large.body);

    const text = await t.http().patch(`/api/unions/${unionId}`).set('content-type', 'text/plain').send('name').expect(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expectChinese(text.body);

    const form = await t.http().patch(`/api/unions/${unionId}`).type('form').send({ name: 'x' }).expect(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const broken = await t.http().patch(`/api/unions/${unionId}`).set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(broken.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
    expectChinese(broken.body);
  });
});
