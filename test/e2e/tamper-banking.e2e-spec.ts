import { tamperSuite } from '../support/tamper';

/**
 * The tamper suite, banking part (issue 15, "receipts … as they land"): receipts, the share mapping and
 * the other banking rows are in the books chain, so a superuser's edit of them with every trigger off is
 * found, and verification is clean again once the rows are back.
 */
describe('tamper suite: banking', () => {
  const { verify, tamper, mismatch } = tamperSuite();

  it('B1. a posted receipt\'s amount and payer changed', async () => {
    await tamper(`UPDATE receipts SET amount = 50, payer = '另一单位' WHERE union_id = $1 AND kind = 'allocation'`);
    const r = await verify();
    mismatch(r, 'receipts', 'altered');
    expect(r.ok).toBe(false);
  });

  it('B2. a posted receipt deleted (its voucher left in place)', async () => {
    await tamper(`DELETE FROM receipts WHERE union_id = $1 AND kind = 'allocation'`);
    mismatch(await verify(), 'receipts', 'missing');
  });

  it('B3. a receipt slipped in without a record', async () => {
    await tamper(
      `INSERT INTO receipts SELECT (jsonb_populate_record(null::receipts, to_jsonb(r) || jsonb_build_object(
         'id', gen_random_uuid(), 'number', 'SK-2026-9999', 'voucher_id', gen_random_uuid(), 'bank_reference', 'FORGED'))).*
         FROM receipts r WHERE r.union_id = $1 AND r.kind = 'allocation'`,
    );
    mismatch(await verify(), 'receipts', 'unrecorded');
  });

  it('B4. the union\'s share taken off its pooled account\'s default', async () => {
    await tamper(`UPDATE bank_account_shares SET is_default = false WHERE union_id = $1 AND account_code = '10201'`);
    mismatch(await verify(), 'bank_account_shares', 'altered', 'is_default');
  });
});
