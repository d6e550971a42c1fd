import { PooledIntegrityService } from '../../src/banking/accounts/pooled-integrity.service';
import { verifyAll } from '../../src/cli/verify-database';
import { Database } from '../../src/database/database.service';
import { fund, newCenter, newUnion, postVoucher } from '../support/builders';
import { claimBody, claimUnion, reviewedClaim } from '../support/claims';
import { inTx, postViaSql, sqlState } from '../support/sql';
import { startTestApp, TestApp } from '../support/test-app';

const ICBC = { bankName: '中国工商银行', branch: '杭州西湖支行', accountNo: '1202020209000012345', accountName: '某市总工会经费集中核算户', openedOn: '2026-01-01', openingBalance: '0.00' };
const CCB = { bankName: '中国建设银行', accountNo: '33050161234500009999', accountName: '某市总工会经费集中核算户（建行）', openedOn: '2026-01-01', openingBalance: '0.00' };

/**
 * 统一账户: a center's pooled accounts, each union's share of one of them by an explicit mapping (not the
 * code 10201), the funds guard and claim payments following that mapping, the position, and the Σ
 * invariant checked by the integrity endpoint and npm run verify.
 */
describe('pooled bank accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const url = (centerId: string, rest = '') => `/api/centers/${centerId}/bank-accounts${rest}`;

  it("gives a new center one default account to register, and a new union's 10201 is its share of it", async () => {
    const center = await newCenter(t);
    const [account] = (await t.reviewer().get(url(center.id)).expect(200)).body;
    expect(account).toMatchObject({ isDefault: true, registered: false, status: 'active', shares: 0, bookBalance: '0.00', bankName: null });

    const union = await newUnion(t, { centerId: center.id });
    expect(union).toMatchObject({ fundingAccountCode: '10201' });
    await fund(t, union.id, '300.00');
    const half = await t.reviewer().patch(url(center.id, `/${account.id}`)).send({ openedOn: '2026-01-01' });
    expect([half.status, half.body.code]).toEqual([422, 'BANK_ACCOUNT_NOT_REGISTERED']);
    const registered = await t.reviewer().patch(url(center.id, `/${account.id}`)).send(ICBC).expect(200);
    expect(registered.body).toMatchObject({ ...ICBC, registered: true, shares: 1, bookBalance: '300.00' });
    expect((await t.reviewer().get(url(center.id, `/${account.id}`)).expect(200)).body).toEqual(registered.body);
    const shares = (await t.reviewer().get(url(center.id, `/${account.id}/shares`)).expect(200)).body;
    expect(shares).toEqual([expect.objectContaining({ unionId: union.id, account: '10201', isDefault: true })]);

    const dup = await t.reviewer().post(url(center.id)).send(ICBC);
    expect([dup.status, dup.body.code]).toEqual([409, 'BANK_ACCOUNT_NO_TAKEN']);
  });

  it('keeps two banks apart: each union is in the account it was given, the position adds up per account and date', async () => {
    const center = await newCenter(t);
    const [icbc] = (await t.reviewer().get(url(center.id)).expect(200)).body;
    await t.reviewer().patch(url(center.id, `/${icbc.id}`)).send(ICBC).expect(200);
    const ccb = (await t.reviewer().post(url(center.id)).send(CCB).expect(201)).body;
    const a = await newUnion(t, { centerId: center.id });
    const b = (await t.http().post('/api/unions').send({ centerId: center.id, code: `B${Date.now()}`, name: '建行工会', chartTemplate: 'grassroots', firstPeriod: '2026-01', bankAccountId: ccb.id }).expect(201)).body;
    expect(b.fundingAccountCode).toBe('10201');
    await fund(t, a.id, '1000.00', '2026-01-05');
    await fund(t, b.id, '400.00', '2026-01-05');
    await postVoucher(t, b.id, '2026-02-10', [{ account: '50105', debit: '150.00' }, { account: '10201', credit: '150.00' }]);

    const pos = (await t.reviewer().get(url(center.id, `/${ccb.id}/position?date=2026-02-28`)).expect(200)).body;
    expect(pos.unions.map((u: { unionId: string }) => u.unionId)).toEqual([b.id]);
    expect(pos).toMatchObject({ total: { balance: '250.00', reserved: '0.00', available: '250.00' }, bookBalance: '250.00', statement: null });
    const jan = (await t.reviewer().get(url(center.id, `/${ccb.id}/position?date=2026-01-31`)).expect(200)).body;
    expect(jan.total.balance).toBe('400.00');
    const before = (await t.reviewer().get(url(center.id, `/${ccb.id}/position?date=2026-01-04`)).expect(200)).body;
    expect(before.total.balance).toBe('0.00');
    const icbcPos = (await t.reviewer().get(url(center.id, `/${icbc.id}/position?date=2026-02-28`)).expect(200)).body;
    expect(icbcPos.unions.map((u: { unionId: string; balance: string }) => [u.unionId, u.balance])).toEqual([[a.id, '1000.00']]);

    // a union of another center is not in reach, nor are its accounts
    const other = await newCenter(t);
    const outside = await t.reviewer().post(url(center.id, `/${ccb.id}/shares`)).send({ unionId: (await newUnion(t, { centerId: other.id })).id });
    expect(outside.status).toBe(404);
    const otherAccount = await t.http().post('/api/unions').send({ centerId: other.id, code: 'X1', name: 'x', chartTemplate: 'grassroots', firstPeriod: '2026-01', bankAccountId: ccb.id });
    expect([otherAccount.status, otherAccount.body.code]).toEqual([422, 'NO_POOLED_ACCOUNT']);
  });

  it('guards a union\'s second share by the mapping, and pays and reserves claims from the default share', async () => {
    const center = await newCenter(t);
    const ccb = (await t.reviewer().post(url(center.id)).send(CCB).expect(201)).body;
    const p = await claimUnion(t, { centerId: center.id, funds: '100.00', noDocumentRules: true });
    const share = (await t.reviewer().post(url(center.id, `/${ccb.id}/shares`)).send({ unionId: p.unionId, isDefault: true }).expect(201)).body;
    expect(share).toMatchObject({ account: '10202', isDefault: true });
    expect((await t.http().get(`/api/unions/${p.unionId}`).expect(200)).body.fundingAccountCode).toBe('10202');
    await postVoucher(t, p.unionId, '2026-03-01', [{ account: '10202', debit: '500.00' }, { account: '402', credit: '500.00' }]);

    // the guard follows the mapping: 10202 cannot be overdrawn, through the API or plain SQL
    const over = await t.http().post(`/api/unions/${p.unionId}/vouchers`).send({ date: '2026-03-02', lines: [
      { summary: 's', account: '50105', debit: '600.00' }, { summary: 's', account: '10202', credit: '600.00' }] }).expect(201);
    const refused = await t.reviewer().post(`/api/unions/${p.unionId}/vouchers/${over.body.id}/post`);
    expect([refused.status, refused.body.code]).toEqual([409, 'INSUFFICIENT_FUNDS']);
    expect(await sqlState(inTx(t.sql, (c) => postViaSql(c, p.unionId, '01900000-0000-7000-8000-0000000a0001', [['50105', '501.00', '0'], ['10202', '0', '501.00']], '2026-03-02')))).toBe('UL009');
    await t.http().delete(`/api/unions/${p.unionId}/vouchers/${over.body.id}`).expect(204);

    // a bank claim reserves on the default share and is paid from it
    const claim = await reviewedClaim(t, p, claimBody('450.00'));
    const { rows: [r] } = await t.sql.query(`SELECT account_code FROM fund_reservations WHERE union_id = $1`, [p.unionId]);
    expect(r.account_code).toBe('10202');
    await t.reviewer().post(`/api/unions/${p.unionId}/claims/${claim.id}/check`).send({}).expect(200);
    await p.cashier().post(`/api/unions/${p.unionId}/claims/${claim.id}/pay`).set('Idempotency-Key', 'pay-10202-0001').send({ date: '2026-03-20', bankReference: 'CCB-1' }).expect(200);
    const posted = await p.accountant().post(`/api/unions/${p.unionId}/claims/${claim.id}/post`).send({}).expect(200);
    const voucher = (await t.http().get(`/api/unions/${p.unionId}/vouchers/${posted.body.voucher.id}`).expect(200)).body;
    expect(voucher.lines.map((l: { account: string; credit: string | null }) => [l.account, l.credit])).toContainEqual(['10202', '450.00']);
    expect((await t.http().get(`/api/unions/${p.unionId}/funds`).expect(200)).body).toMatchObject({ account: '10202', balance: '50.00', available: '50.00' });
  });

  it('never lets a share get sub-accounts or be deactivated, by the API or by SQL', async () => {
    const u = await newUnion(t);
    const child = await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '10201', code: '1020101', name: '子户' });
    expect([child.status, child.body.code]).toEqual([409, 'ACCOUNT_IS_POOLED_SHARE']);
    const off = await t.http().patch(`/api/unions/${u.id}/accounts/10201`).send({ active: false });
    expect([off.status, off.body.code]).toEqual([409, 'ACCOUNT_IS_POOLED_SHARE']);
    expect(await sqlState(t.sql.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = '10201'`, [u.id]))).toBe('UL052');
    expect(
      await sqlState(t.sql.query(`INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard) VALUES ($1, '1020101', 'x', 'asset', 'debit', '10201', 3, false)`, [u.id])),
    ).toBe('UL052');
    // and the mapping itself can be neither moved nor removed
    expect(await sqlState(t.sql.query(`DELETE FROM bank_account_shares WHERE union_id = $1`, [u.id]))).toBe('UL053');
    expect(await sqlState(t.sql.query(`UPDATE bank_account_shares SET account_code = '101' WHERE union_id = $1`, [u.id]))).toBe('UL053');
    expect(await sqlState(t.sql.query(`INSERT INTO bank_account_shares (union_id, account_code, center_id, bank_account_id) SELECT union_id, '101', center_id, bank_account_id FROM bank_account_shares WHERE union_id = $1`, [u.id]))).toBe('UL053');
    const { rows } = await t.sql.query(`SELECT is_active, is_leaf FROM accounts WHERE union_id = $1 AND code = '10201'`, [u.id]);
    expect(rows[0]).toEqual({ is_active: true, is_leaf: true });
  });

  it('closes an account only at zero with another default, and checks the Σ invariant on request and in npm run verify', async () => {
    const center = await newCenter(t);
    const [main] = (await t.reviewer().get(url(center.id)).expect(200)).body;
    const u = await newUnion(t, { centerId: center.id });
    await t.http().post(`/api/unions/${u.id}/opening-balances`).send({ lines: [{ account: '10201', debit: '200.00' }, { account: '32205', credit: '200.00' }] }).expect(200);
    await fund(t, u.id, '300.00', '2026-02-03');
    const closeDefault = await t.reviewer().patch(url(center.id, `/${main.id}`)).send({ status: 'closed' });
    expect([closeDefault.status, closeDefault.body.code]).toEqual([409, 'BANK_ACCOUNT_DEFAULT']);
    const spare = (await t.reviewer().post(url(center.id)).send({ ...CCB, isDefault: true }).expect(201)).body;
    const withMoney = await t.reviewer().patch(url(center.id, `/${main.id}`)).send({ status: 'closed' });
    expect([withMoney.status, withMoney.body.code]).toEqual([409, 'BANK_ACCOUNT_HAS_BALANCE']);
    await t.reviewer().patch(url(center.id, `/${spare.id}`)).send({ status: 'closed', isDefault: false }).expect(409);

    const ok = (await t.reviewer().get(url(center.id, `/${main.id}/integrity`)).expect(200)).body;
    expect(ok).toMatchObject({ ok: true, shares: 1, months: 2, mismatches: [], unionsWithoutShare: [] });

    // a share's balance changed behind the ledger's back: the pooled account no longer adds up
    await t.sql.query(`UPDATE account_balances SET debit = debit + 5, closing = closing + 5 WHERE union_id = $1 AND account_code = '10201' AND period = 202602`, [u.id]);
    const broken = (await t.reviewer().get(url(center.id, `/${main.id}/integrity`)).expect(200)).body;
    expect(broken).toMatchObject({ ok: false, mismatches: [{ period: '2026-02', shares: '505.00', pooled: '500.00' }] });
    const lines: string[] = [];
    const result = await verifyAll(t.app.get(Database), null, (line) => lines.push(line), t.app.get(PooledIntegrityService));
    expect(result.failed).toBeGreaterThanOrEqual(2); // the union's own balance replay, and its pooled account
    expect(lines.find((l) => l.includes(`pooled account ${main.id}`))).toMatch(/^FAIL/);
    expect(lines.join('\n')).toContain(`2026-02: unions' shares sum to 505.00, the pooled account's lines give 500.00`);
    await t.sql.query(`UPDATE account_balances SET debit = debit - 5, closing = closing - 5 WHERE union_id = $1 AND account_code = '10201' AND period = 202602`, [u.id]);

    const unknown = await t.reviewer().get(url(center.id, '/01900000-0000-7000-8000-000000000000/integrity'));
    expect(unknown.status).toBe(404);
  });

  it('lets the cashier and auditors read, only the director manage', async () => {
    const center = await newCenter(t);
    const [main] = (await t.reviewer().get(url(center.id)).expect(200)).body;
    const cashier = await t.userWith([{ role: 'cashier', centerId: center.id }], 'cashier');
    const auditor = await t.userWith([{ role: 'auditor', centerId: center.id }], 'auditor');
    await cashier.http().get(url(center.id, `/${main.id}/position`)).expect(200);
    await auditor.http().get(url(center.id)).expect(200);
    expect((await cashier.http().patch(url(center.id, `/${main.id}`)).send({ bankName: 'x' })).status).toBe(403);
    expect((await auditor.http().post(url(center.id)).send(ICBC)).status).toBe(403);
    const chair = await t.userWith([{ role: 'chair', unionId: (await newUnion(t, { centerId: center.id })).id }], 'chair');
    expect((await chair.http().get(url(center.id))).status).toBe(404);
  });
});
