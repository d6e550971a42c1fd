import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('chart of accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const accounts = async (unionId: string) =>
    (await t.http().get(`/api/unions/${unionId}/accounts`).expect(200)).body as { code: string; leaf: boolean; active: boolean; name: string }[];

  /**
   * The chart of 《工会会计制度》(财会〔2021〕7号) as the domain brief gives it (a copy of
   * ../shared/domain/chart-of-accounts-2021.csv): template, code, name, category, normal side, parent, level.
   */
  const reference = readFileSync(join(__dirname, '../fixtures/chart-of-accounts-2021.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [template, code, name, category, normalSide, parentCode, level] = line.split(',');
      return { template, code, name, category, normalSide, parentCode: parentCode || null, level: Number(level) };
    });

  it.each(['grassroots', 'county'] as const)('gives a %s union every account of the 2021 chart with its name, category and side', async (template) => {
    const u = await newUnion(t, { chartTemplate: template });
    const got = (await t.http().get(`/api/unions/${u.id}/accounts`).expect(200)).body as Record<string, unknown>[];
    const fields = (a: Record<string, unknown>) => [a.code, a.name, a.category, a.normalSide, a.parentCode, a.level];
    const expected = reference.filter((r) => r.template === template).map(fields);
    expect(expected.length).toBe(template === 'grassroots' ? 71 : 105);
    // the union's own share of the pooled bank account is the one account the chart does not prescribe
    const own = got.filter((a) => a.code === '10201');
    expect(own.map(fields)).toEqual([['10201', '集中核算户', 'asset', 'debit', '102', 2]]);
    expect(got.filter((a) => a.code !== '10201').map(fields).sort()).toEqual(expected.sort());
    expect(got.every((a) => a.standard === true)).toBe(true);
  });

  it('adds detail accounts below any account, inheriting category and side, up to four levels', async () => {
    const u = await newUnion(t);
    const lvl3 = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50105', code: '5010501', name: '节日慰问' }).expect(201);
    expect(lvl3.body).toMatchObject({ level: 3, category: 'expense', normalSide: 'debit', standard: false, leaf: true, path: '职工活动支出—会员活动支出—节日慰问' });
    await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '5010501', code: '501050101', name: '春节' }).expect(201);
    const all = await accounts(u.id);
    expect(all.find((a) => a.code === '50105')!.leaf).toBe(false);
    expect(all.find((a) => a.code === '5010501')!.leaf).toBe(false);

    const tooDeep = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '501050101', code: '50105010101', name: 'x' }).expect(400);
    expect(tooDeep.body.code).toBe('VALIDATION_FAILED');
    const wrongPrefix = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50105', code: '5010601', name: 'x' }).expect(422);
    expect(wrongPrefix.body.code).toBe('ACCOUNT_CODE_INVALID');
    const taken = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50105', code: '5010501', name: 'x' }).expect(409);
    expect(taken.body.code).toBe('ACCOUNT_CODE_TAKEN');
  });

  it('refuses a child under a leaf that already carries postings', async () => {
    const u = await newUnion(t);
    await postVoucher(t, u.id, '2026-01-05', [{ account: '50106', debit: '10.00' }, { account: '101', credit: '10.00' }]);
    const res = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: 'x' }).expect(409);
    expect(res.body.code).toBe('ACCOUNT_HAS_POSTINGS');
  });

  it('never renames or deletes standard accounts', async () => {
    const u = await newUnion(t);
    expect((await t.http().patch(`/api/unions/${u.id}/accounts/402`).send({ name: '改名' }).expect(409)).body.code).toBe('ACCOUNT_STANDARD');
    expect((await t.http().delete(`/api/unions/${u.id}/accounts/402`).expect(409)).body.code).toBe('ACCOUNT_STANDARD');
    expect((await t.http().delete(`/api/unions/${u.id}/accounts/10201`).expect(409)).body.code).toBe('ACCOUNT_STANDARD');
  });

  it('renames and deletes unused detail accounts; the parent becomes a leaf again', async () => {
    const u = await newUnion(t);
    await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: '旧名' }).expect(201);
    const renamed = await t.http().patch(`/api/unions/${u.id}/accounts/5010601`).send({ name: '新名' }).expect(200);
    expect(renamed.body.name).toBe('新名');
    await t.http().delete(`/api/unions/${u.id}/accounts/5010601`).expect(204);
    expect((await accounts(u.id)).find((a) => a.code === '50106')!.leaf).toBe(true);
  });

  it('deactivates instead of deleting once used, and refuses postings to inactive accounts', async () => {
    const u = await newUnion(t);
    await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: '明细' }).expect(201);
    await postVoucher(t, u.id, '2026-01-05', [{ account: '5010601', debit: '10.00' }, { account: '101', credit: '10.00' }]);
    expect((await t.http().delete(`/api/unions/${u.id}/accounts/5010601`).expect(409)).body.code).toBe('ACCOUNT_HAS_POSTINGS');
    expect((await t.http().patch(`/api/unions/${u.id}/accounts/5010601`).send({ active: false }).expect(409)).body.code).toBe(
      'ACCOUNT_HAS_BALANCE',
    );
    await postVoucher(t, u.id, '2026-01-06', [{ account: '101', debit: '10.00' }, { account: '5010601', credit: '10.00' }]);
    await t.http().patch(`/api/unions/${u.id}/accounts/5010601`).send({ active: false }).expect(200);
    const res = await t
      .http()
      .post(`/api/unions/${u.id}/vouchers`)
      .send({ date: '2026-01-07', lines: [{ summary: 's', account: '5010601', debit: '1' }, { summary: 's', account: '10201', credit: '1' }] })
      .expect(422);
    expect(res.body.code).toBe('ACCOUNT_INACTIVE');
  });

  it("answers 404 for an account of the path's union that does not exist", async () => {
    const u = await newUnion(t);
    expect((await t.http().patch(`/api/unions/${u.id}/accounts/59999`).send({ name: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().delete(`/api/unions/${u.id}/accounts/abc`).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('keeps one union\'s detail accounts out of another union', async () => {
    const a = await newUnion(t);
    const b = await newUnion(t);
    await t.http().post(`/api/unions/${a.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: 'A 的明细' }).expect(201);
    expect((await accounts(b.id)).map((x) => x.code)).not.toContain('5010601');
    const res = await t
      .http()
      .post(`/api/unions/${b.id}/vouchers`)
      .send({ date: '2026-01-07', lines: [{ summary: 's', account: '5010601', debit: '1' }, { summary: 's', account: '10201', credit: '1' }] })
      .expect(422);
    expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
  });
});
