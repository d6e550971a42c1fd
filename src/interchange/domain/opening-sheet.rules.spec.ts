import { AccountRow } from './gbt-records';
import { planOpeningSheet, SheetRow } from './opening-sheet.rules';

const acc = (code: string, name: string, side: 'debit' | 'credit', isLeaf = true): AccountRow => ({
  code, name, level: (code.length - 1) / 2, parentCode: code.length > 3 ? code.slice(0, -2) : null,
  category: side === 'debit' ? 'asset' : 'liability', normalSide: side, isLeaf, isActive: true, isStandard: true,
});
const chart = new Map([acc('101', '库存现金', 'debit'), acc('215', '其他应付款', 'credit'), acc('321', '工会资金结转', 'credit', false), acc('32101', '本年收支结转', 'credit')].map((a) => [a.code, a]));
let n = 0;
const row = (code: string, name: string, side: string, amount: string): SheetRow => ({ row: ++n, code, name, side, amount });

describe('opening balances from a spreadsheet', () => {
  it('plans new detail accounts under their parent and signs the balances by side', () => {
    const { plan, problems } = planOpeningSheet([row('101', '库存现金', '借', '100'), row('215', '', '贷', '100'), row('21501', '互助金', '贷', '100')], chart, ['32101']);
    expect(problems).toEqual([]);
    expect(plan!.accounts.map((a) => [a.code, a.parentCode, a.normalSide])).toEqual([['21501', '215', 'credit']]);
    expect(plan!.openings.map((o) => [o.code, o.amount.toFixed(2)])).toEqual([['101', '100.00'], ['21501', '-100.00']]);
  });

  it('a negative amount lies on the other side; a zero parent row is not checked', () => {
    const { plan } = planOpeningSheet([row('101', '', '借', '-5'), row('215', '', '贷', '-5')], chart, []);
    expect(plan!.openings.map((o) => o.amount.toFixed(2))).toEqual(['-5.00', '5.00']);
  });

  it('refuses a child of an account closing posts to, and a side contrary to the parent', () => {
    const { problems } = planOpeningSheet([row('3210101', '甲', '借', '1'), row('101', '', '借', '1')], chart, ['32101']);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('由结账记账'), expect.stringContaining('与上级科目 32101 本年收支结转 的余额方向（贷）不符')]),
    );
  });

  it('an empty file is a problem, not a silent success', () => {
    expect(planOpeningSheet([], chart, []).problems.map((p) => p.message)).toEqual(['文件中没有期初余额或新增科目']);
  });
});
