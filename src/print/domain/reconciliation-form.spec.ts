import Decimal from 'decimal.js';
import { reconcile } from '../../banking/domain/reconciliation.rules';
import { reconciliationForm } from './reconciliation-form';

const d = (s: string) => new Decimal(s);
const stmt = (date: string, amount: string, reference: string) => ({ date, amount: d(amount), reference, counterpartName: '某公司', summary: '摘要' });
const book = (date: string, amount: string, voucherNo: string) => ({ date, amount: d(amount), unionCode: 'U1', voucherNo, summary: '付款', reference: null });

describe('reconciliationForm', () => {
  const meta = { unitName: '中心', bankName: '工行', accountNo: '1234', accountName: '户', chiefAccountant: null, reviewer: null, preparer: '出纳', printedAt: '2026-04-30 10:00:00' };

  it('puts the bank items on the book side and the book items on the bank side, unsigned, with their totals', () => {
    const r = reconcile(d('1000.00'), d('900.00'), [stmt('2026-04-10', '33.33', 'B2'), stmt('2026-04-29', '-5.50', 'B3')], [book('2026-04-20', '250.00', '记-1'), book('2026-04-25', '-80.00', '记-2'), book('2026-04-28', '-12.34', '记-3')]);
    const f = reconciliationForm({ ...r, date: '2026-04-30', statementDate: '2026-04-29', pendingProposals: 0 }, meta);
    expect(f.groups.map((g) => [g.sign, g.side, g.label, g.total.toFixed(2), g.items.length])).toEqual([
      ['加', 'book', '银行已收、单位未收', '33.33', 1],
      ['减', 'book', '银行已付、单位未付', '5.50', 1],
      ['加', 'bank', '单位已收、银行未收', '250.00', 1],
      ['减', 'bank', '单位已付、银行未付', '92.34', 2],
    ]);
    // the printed arithmetic holds on both sides
    const [bi, bo, ki, ko] = f.groups.map((g) => g.total);
    expect(f.bookBalance.plus(bi).minus(bo).toFixed(2)).toBe(f.adjustedBook.toFixed(2));
    expect(f.statementBalance.plus(ki).minus(ko).toFixed(2)).toBe(f.adjustedStatement.toFixed(2));
    expect([f.agrees, f.difference.toFixed(2)]).toEqual([false, '-29.83']);
    expect(f.groups[0].items[0]).toMatchObject({ reference: 'B2', text: '某公司 摘要', unionCode: null });
    expect(f.groups[3].items.map((i) => [i.voucherNo, i.amount.toFixed(2)])).toEqual([['记-2', '80.00'], ['记-3', '12.34']]);
  });
});
