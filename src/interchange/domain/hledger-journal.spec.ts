import Decimal from 'decimal.js';
import { accountName, accountSegment, oneLine, openingTransaction, transaction } from './hledger-journal';

const names = new Map([
  ['501', '工会活动支出'],
  ['50106', '其他活动支出'],
  ['5010601', '职工活动:文体  比赛'],
  ['102', '银行存款'],
  ['10201', '集中核算户'],
]);

describe('hledger journal', () => {
  it('names an account by the path of its codes and names; ":" and double spaces never reach hledger', () => {
    expect(accountName('5010601', names)).toBe('501 工会活动支出:50106 其他活动支出:5010601 职工活动／文体 比赛');
    expect(accountSegment('501', ' 工会：活动 ')).toBe('501 工会／活动');
  });

  it('keeps 摘要 on one line without comment marks', () => {
    expect(oneLine('a;b|c\nd  e')).toBe('a；b｜c d e');
  });

  it('writes a voucher with its number, signed amounts, tags and a red-ink mark', () => {
    const text = transaction(
      { date: '2026-02-03', type: 'general', period: 202602, number: 7, red: true, summary: '冲销', preparer: '系统（结账）', postedBy: '李四' },
      [
        { accountCode: '5010601', amount: new Decimal('-300'), summary: '冲销', projectCode: 'P1', fundType: 'restricted' },
        { accountCode: '10201', amount: new Decimal('300'), summary: '冲销', projectCode: null, fundType: null },
      ],
      names,
    );
    expect(text.split('\n')).toEqual([
      '2026-02-03 * (记-202602-0007) 冲销  ; 制单:系统（结账） 记账:李四 红字冲销',
      '    501 工会活动支出:50106 其他活动支出:5010601 职工活动／文体 比赛  -300.00  ; 冲销 project:P1, fund:restricted',
      '    102 银行存款:10201 集中核算户  300.00  ; 冲销',
      '',
      '',
    ]);
  });

  it('opens with the non-zero balances only, and with nothing when there are none', () => {
    expect(openingTransaction('2026-01-01', [{ code: '10201', projectCode: null, balance: new Decimal(0) }], names)).toBe('');
    expect(openingTransaction('2026-01-01', [{ code: '10201', projectCode: null, balance: new Decimal('5') }], names)).toContain('10201 集中核算户  5.00');
  });
});
