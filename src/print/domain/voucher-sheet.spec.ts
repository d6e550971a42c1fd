import Decimal from 'decimal.js';
import { PrintVoucher, voucherCover, voucherSheets } from './voucher-sheet';

const line = (i: number, debit: string, credit = '0') => ({ summary: `摘要${i}`, accountCode: '50101', accountPath: '工会业务支出—会员活动费', debit: new Decimal(debit), credit: new Decimal(credit) });
const voucher = (lines: PrintVoucher['lines'], more: Partial<PrintVoucher> = {}): PrintVoucher => ({
  type: 'general', period: 202603, number: 7, date: '2026-03-05', red: false, attachmentCount: 2, lines,
  chiefAccountant: '主管甲', bookkeeper: '记账乙', reviewer: '审核丙', cashier: null, preparer: '制单丁', ...more,
});

describe('voucher sheets', () => {
  it('fits six lines on one sheet without a fraction, with the 大写 total and the five signatures', () => {
    const lines = [...Array.from({ length: 5 }, (_, i) => line(i, '10.00')), line(5, '0', '50.00')];
    const [s, ...more] = voucherSheets(voucher(lines));
    expect(more).toHaveLength(0);
    expect(s).toMatchObject({ title: '记账凭证', number: '记-202603-0007', fraction: null, date: '2026 年 03 月 05 日', attachments: '附单据 2 张' });
    expect(s.rows).toHaveLength(6);
    expect(s.rows[5]).toMatchObject({ account: '50101 工会业务支出—会员活动费', debit: null });
    expect(s.total!.debit.toFixed(2)).toBe('50.00');
    expect(s.total!.words).toBe('伍拾元整');
    expect(s.signatures).toEqual([['会计主管', '主管甲'], ['记账', '记账乙'], ['审核', '审核丙'], ['出纳', ''], ['制单', '制单丁']]);
  });

  it('runs a seventh line onto a second sheet: 1/2 and 2/2, every line once, the total only on the last', () => {
    const lines = [...Array.from({ length: 6 }, (_, i) => line(i, '1.00')), line(6, '0', '6.00')];
    const sheets = voucherSheets(voucher(lines));
    expect(sheets.map((s) => [s.fraction, s.rows.length, s.total !== null])).toEqual([['1/2', 6, false], ['2/2', 1, true]]);
    expect(sheets.flatMap((s) => s.rows.map((r) => r.summary))).toEqual(lines.map((l) => l.summary));
  });

  it('titles typed and red-ink vouchers', () => {
    expect(voucherSheets(voucher([line(0, '1.00')], { type: 'payment' }))[0].title).toBe('付款凭证');
    const red = voucherSheets(voucher([line(0, '-3.50')], { red: true, type: 'transfer' }))[0];
    expect([red.title, red.red, red.total!.words, red.number]).toEqual(['转账凭证（红字）', true, '负叁元伍角整', '转-202603-0007']);
  });

  it("the cover names the unit, the month, the types' number ranges, the counts and the attachments", () => {
    const c = voucherCover({
      unitName: '某工会', unitCode: 'X1', period: 202603, printedAt: '2026-04-01 09:00:00', chiefAccountant: null,
      types: [{ type: 'receipt', count: 3, first: 1, last: 3, attachments: 4 }, { type: 'payment', count: 2, first: 1, last: 2, attachments: 1 }],
    });
    const rows = Object.fromEntries(c.rows);
    expect(rows['所属期间']).toBe('2026 年 03 月');
    expect(rows['凭证种类']).toBe('收款凭证、付款凭证');
    expect(rows['凭证号起止']).toBe('收-202603-0001 至 收-202603-0003；付-202603-0001 至 付-202603-0002');
    expect(rows['凭证张数']).toBe('共 5 张（收字 3 张，付字 2 张）');
    expect(rows['附件张数']).toBe('共 5 张');
  });
});
