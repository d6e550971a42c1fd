import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('opening balances (期初余额)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const set = (u: string, lines: object[]) => t.http().post(`/api/unions/${u}/opening-balances`).send({ lines });

  it('are entered as a balanced whole, replaced as a whole, and open the first period', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await set(u.id, [{ account: '10201', debit: '1000.00' }, { account: '32205', credit: '1000.00' }]).expect(200);
    const res = await set(u.id, [
      { account: '10201', debit: '50000.00' },
      { account: '101', debit: '2000.00' },
      { account: '32205', credit: '52000.00' },
    ]).expect(200);
    expect(res.body).toMatchObject({ period: '2026-01', locked: false, totalDebit: '52000.00', totalCredit: '52000.00' });
    expect(res.body.lines).toHaveLength(3);
    const tb = await t.http().get(`/api/unions/${u.id}/trial-balance?from=2026-01&to=2026-01`).expect(200);
    expect(tb.body.totals).toMatchObject({ openingDebit: '52000.00', openingCredit: '52000.00' });
    expect(tb.body.rows.find((r: { code: string }) => r.code === '102')).toMatchObject({ openingDebit: '50000.00', closingDebit: '50000.00' });
  });

  it('refuse unbalanced, non-leaf, duplicate and non-positive entries', async () => {
    const u = await newUnion(t);
    expect((await set(u.id, [{ account: '10201', debit: '10' }, { account: '32205', credit: '9' }]).expect(422)).body.code).toBe(
      'OPENING_BALANCES_UNBALANCED',
    );
    expect((await set(u.id, [{ account: '102', debit: '10' }, { account: '32205', credit: '10' }]).expect(422)).body.code).toBe('ACCOUNT_NOT_LEAF');
    expect(
      (await set(u.id, [{ account: '10201', debit: '5' }, { account: '10201', debit: '5' }, { account: '32205', credit: '10' }]).expect(400)).body.code,
    ).toBe('OPENING_BALANCE_DUPLICATE');
    expect((await set(u.id, [{ account: '10201', debit: '-10' }, { account: '32205', credit: '-10' }]).expect(400)).body.code).toBe('AMOUNT_INVALID');
    expect((await set(u.id, [{ account: '10201', debit: '0' }, { account: '32205', credit: '0' }]).expect(422)).body.code).toBe('AMOUNT_SIGN_INVALID');
  });

  it('lock once the first voucher is posted, and carry into later postings', async () => {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await set(u.id, [{ account: '10201', debit: '800.00' }, { account: '32205', credit: '800.00' }]).expect(200);
    await postVoucher(t, u.id, '2026-03-01', [{ account: '50105', debit: '300.00' }, { account: '10201', credit: '300.00' }]);
    expect((await set(u.id, [{ account: '10201', debit: '1' }, { account: '32205', credit: '1' }]).expect(409)).body.code).toBe('OPENING_BALANCES_LOCKED');
    expect((await t.http().get(`/api/unions/${u.id}/opening-balances`).expect(200)).body.locked).toBe(true);
    const bal = await t.http().get(`/api/unions/${u.id}/accounts/10201/balance?date=2026-03-31`).expect(200);
    expect(bal.body).toMatchObject({ direction: '借', amount: '500.00', signed: '500.00' });
  });

  it('never land after the first posting, whichever request wins a race', async () => {
    for (let i = 0; i < 8; i++) {
      const u = await newUnion(t, { firstPeriod: '2026-01' });
      // paid in cash: a payment from the pooled account (10201) that won the race would be refused for want of funds
      const draft = await postVoucher(t, u.id, '2026-02-01', [{ account: '50105', debit: '10' }, { account: '101', credit: '10' }], { post: false });
      const [ob, post] = await Promise.all([
        set(u.id, [{ account: '101', debit: '100.00' }, { account: '32205', credit: '100.00' }]),
        t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`),
      ]);
      expect(post.status).toBe(200);
      expect([200, 409]).toContain(ob.status);
      const expected = ob.status === 200 ? '90.00' : '-10.00';
      const bal = await t.http().get(`/api/unions/${u.id}/accounts/101/balance?date=2026-02-28`).expect(200);
      expect(bal.body.signed).toBe(expected);
    }
  });
});
