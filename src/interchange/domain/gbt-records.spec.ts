import Decimal from 'decimal.js';
import { balanceXml, directed, signedOf, voucherXml } from './gbt-records';
import { escapeXml } from './xml-text';

describe('GB/T 24589 records', () => {
  it('writes a signed balance as 方向 + non-negative amount, and reads it back', () => {
    expect(directed(new Decimal('-12.5'))).toEqual({ direction: '贷', amount: '12.50' });
    expect(directed(new Decimal('3'))).toEqual({ direction: '借', amount: '3.00' });
    expect(directed(new Decimal(0))).toEqual({ direction: '平', amount: '0.00' });
    for (const v of ['-12.50', '3.00', '0.00']) {
      const d = directed(new Decimal(v));
      expect(signedOf(d.direction, d.amount).toFixed(2)).toBe(v);
    }
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b>&"c"\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });

  it('a balance row closes at opening + debit − credit', () => {
    const xml = balanceXml({ period: 202601, code: '10201', opening: new Decimal('100'), debit: new Decimal('50'), credit: new Decimal('200') });
    expect(xml).toContain('<期初余额方向>借</期初余额方向>');
    expect(xml).toContain('<期末余额方向>贷</期末余额方向>');
    expect(xml).toContain('<期末余额>50.00</期末余额>');
  });

  it('a voucher leaves out the data elements it does not have', () => {
    const xml = voucherXml(
      { date: '2026-01-05', period: 202601, type: 'general', number: 1, red: false, attachments: 0, source: 'manual', preparer: '张三', reviewer: null, cashier: null, postedBy: '李四', preparedAt: '2026-01-05T01:00:00.000Z', postedAt: '2026-01-05T02:00:00.000Z', reversalOf: null },
      [{ lineNo: 1, summary: 'x', accountCode: '10201', debit: '1', credit: '0', projectCode: null, fundType: null }],
    );
    expect(xml).not.toContain('审核人');
    expect(xml).not.toContain('项目编号');
    expect(xml).toContain('<借方金额>1.00</借方金额>');
  });
});
