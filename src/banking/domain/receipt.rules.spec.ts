import Decimal from 'decimal.js';
import { receiptCredit, ReceiptInput, receiptLines } from './receipt.rules';

const base: ReceiptInput = { kind: 'dues', amount: new Decimal('100.00'), payer: '某公司', memo: null, account: null, fundType: null, projectCode: null, allocationAccount: '402' };
const credit = (over: Partial<ReceiptInput>) => receiptCredit({ ...base, ...over });
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('what a receipt credits', () => {
  it('takes each income kind to its account, 上级补助 by fund type, returned funds by the center setting', () => {
    expect(credit({ kind: 'dues' })).toEqual({ account: '401', fundType: 'unrestricted', projectCode: null });
    expect(credit({ kind: 'allocation' }).account).toBe('402');
    expect(credit({ kind: 'allocation', allocationAccount: '40301' }).account).toBe('40301');
    expect(credit({ kind: 'subsidy' }).account).toBe('40301');
    expect(credit({ kind: 'subsidy', fundType: 'restricted', projectCode: 'P1' })).toEqual({ account: '40302', fundType: 'restricted', projectCode: 'P1' });
    expect(credit({ kind: 'admin_subsidy', account: '40501' }).account).toBe('40501');
    expect(credit({ kind: 'other' }).account).toBe('408');
  });

  it('gives a refund back to the expense, the receivable or last year\'s adjustment it names', () => {
    expect(credit({ kind: 'refund', account: '50105' })).toEqual({ account: '50105', fundType: 'unrestricted', projectCode: null });
    expect(credit({ kind: 'refund', account: '135' })).toEqual({ account: '135', fundType: null, projectCode: null });
    expect(credit({ kind: 'refund', account: '32201' }).account).toBe('32201');
    expect(code(() => credit({ kind: 'refund' }))).toBe('RECEIPT_INVALID');
    expect(code(() => credit({ kind: 'refund', account: '402' }))).toBe('RECEIPT_INVALID');
  });

  it('refuses restricted dues, restricted money without a project, and an account outside the kind', () => {
    expect(code(() => credit({ kind: 'dues', fundType: 'restricted', projectCode: 'P' }))).toBe('RECEIPT_INVALID');
    expect(code(() => credit({ kind: 'subsidy', fundType: 'restricted' }))).toBe('RECEIPT_INVALID');
    expect(code(() => credit({ kind: 'other', account: '402' }))).toBe('RECEIPT_INVALID');
  });

  it('debits the share and credits the income with one summary', () => {
    const lines = receiptLines({ ...base, memo: '3月' }, '10202', credit({}));
    expect(lines.map((l) => [l.accountCode, l.side, l.amount.toFixed(2), l.summary])).toEqual([
      ['10202', 'debit', '100.00', '会费收入：某公司，3月'],
      ['401', 'credit', '100.00', '会费收入：某公司，3月'],
    ]);
  });
});
