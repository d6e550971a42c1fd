import { parseXml } from '../gbt-parser';
import { checkBooks } from './gbt-import.rules';
import { readForeignBooks, unmappedText } from './gbt-foreign.rules';
import { amountOf, dateOf, Invalid, periodOf, voucherTypeOf } from './gbt-foreign.values';

const ledger = (body: string) => ({ master: null, ledger: { file: '总账.xml', root: parseXml('总账.xml', `<x:总账 xmlns:x="urn:v">\n${body}\n</x:总账>`) } });

describe('GB/T 24589 files of other software', () => {
  it('reads amounts, months, days and voucher words as other programs spell them, and refuses what is below the fen', () => {
    expect([amountOf('1234.5000'), amountOf('-50'), amountOf('+12.3'), amountOf('.5')].map((d) => (d instanceof Invalid ? d.message : d.toFixed(2)))).toEqual(['1234.50', '-50.00', '12.30', '0.50']);
    for (const bad of ['12.345', '1,234.50', '', '12元', '10000000000000000']) expect([bad, amountOf(bad) instanceof Invalid]).toEqual([bad, true]);
    expect(['2026-01', '202601', '2026-1', '2026/01', '2026年1月'].map(periodOf)).toEqual([202601, 202601, 202601, 202601, 202601]);
    for (const bad of ['20261', '2026-13', '2026-00', 'Jan']) expect([bad, periodOf(bad) instanceof Invalid]).toEqual([bad, true]);
    expect(['20260105', '2026-01-05', '2026/01/05', '2026-01-05T08:00:00+08:00'].map(dateOf)).toEqual(Array(4).fill('2026-01-05'));
    expect(dateOf('2026-02-30')).toBeInstanceOf(Invalid);
    const table = new Map([['01', '收|收款凭证'], ['09', '现|现金凭证']]);
    expect(['记', '付款凭证', '银收', '01', 'transfer', '09'].map((t) => voucherTypeOf(t, table))).toEqual(['general', 'payment', 'receipt', 'receipt', 'transfer', null]);
  });

  it('takes levels, parents, sides and leaves from the codes, and openings from the first month when there is no 期初余额表', () => {
    const { books, problems } = readForeignBooks(
      ledger(`<x:科目表><x:科目><x:科目编号>5010101</x:科目编号><x:科目名称>培训费</x:科目名称></x:科目>
<x:科目><x:科目编号>501</x:科目编号><x:科目名称>职工活动支出</x:科目名称></x:科目><x:科目><x:科目编号>50101</x:科目编号><x:科目名称>教育</x:科目名称></x:科目>
<x:科目><x:科目编号>10201</x:科目编号><x:科目名称>集中核算户</x:科目名称></x:科目><x:科目><x:科目编号>32205</x:科目编号><x:科目名称>累计结余</x:科目名称></x:科目></x:科目表>
<x:科目余额及发生额表><x:科目余额及发生额><x:会计期间>202603</x:会计期间><x:科目编号>10201</x:科目编号><x:期初余额>100</x:期初余额><x:期末余额>100</x:期末余额></x:科目余额及发生额>
<x:科目余额及发生额><x:会计期间>202603</x:会计期间><x:科目编号>32205</x:科目编号><x:期初余额>100</x:期初余额><x:期末余额>100</x:期末余额></x:科目余额及发生额></x:科目余额及发生额表>`),
    );
    expect(problems).toEqual([]);
    expect(books.accounts.map((a) => [a.code, a.level, a.parentCode, a.category, a.normalSide, a.isLeaf, a.isStandard])).toEqual([
      ['10201', 2, '102', 'asset', 'debit', true, false],
      ['32205', 2, '322', 'net_assets', 'credit', true, false],
      ['501', 1, null, 'expense', 'debit', false, true],
      ['50101', 2, '501', 'expense', 'debit', false, false],
      ['5010101', 3, '50101', 'expense', 'debit', true, false],
    ]);
    // a balance without its direction is in the account's own direction: 32205's 100 is a credit
    expect(books.openings.map((o) => [o.code, o.amount.toFixed(2)])).toEqual([['10201', '100.00'], ['32205', '-100.00']]);
    expect([books.from, books.to, books.periods]).toEqual([202603, 202603, [{ period: 202603, closed: false }]]);
  });

  it('puts vouchers in number order, derives red ink and numbering, and checks them as our own', () => {
    const { books, problems } = readForeignBooks(
      ledger(`<x:记账凭证表>
<x:记账凭证><x:凭证字>记</x:凭证字><x:凭证号>记-0002</x:凭证号><x:凭证日期>20260110</x:凭证日期><x:分录><x:摘要>冲</x:摘要><x:科目编号>10201</x:科目编号><x:借方金额>-5</x:借方金额></x:分录><x:分录><x:摘要>冲</x:摘要><x:科目编号>32205</x:科目编号><x:贷方金额>-5.00</x:贷方金额></x:分录></x:记账凭证>
<x:记账凭证><x:凭证字>记</x:凭证字><x:凭证号>1</x:凭证号><x:凭证日期>2026-01-05</x:凭证日期><x:摘要>收</x:摘要><x:分录><x:科目编号>10201</x:科目编号><x:方向>借</x:方向><x:金额>5</x:金额></x:分录><x:分录><x:科目编号>32205</x:科目编号><x:方向>贷</x:方向><x:金额>5</x:金额></x:分录></x:记账凭证>
</x:记账凭证表><x:科目表><x:科目><x:科目编号>102</x:科目编号><x:科目名称>银行存款</x:科目名称></x:科目><x:科目><x:科目编号>322</x:科目编号><x:科目名称>结余</x:科目名称></x:科目><x:科目><x:科目编号>10201</x:科目编号><x:科目名称>a</x:科目名称></x:科目><x:科目><x:科目编号>32205</x:科目编号><x:科目名称>b</x:科目名称></x:科目></x:科目表>`),
    );
    expect(problems).toEqual([]);
    expect(books.vouchers.map((v) => [v.ref, v.red, v.source, v.lines.map((l) => `${l.summary} ${l.debit.toFixed(2)}/${l.credit.toFixed(2)}`)])).toEqual([
      ['记-202601-0001', false, 'import', ['收 5.00/0.00', '收 0.00/5.00']],
      ['记-202601-0002', true, 'import', ['冲 -5.00/0.00', '冲 0.00/-5.00']],
    ]);
    expect(books.numbering).toBe('general');
    expect(checkBooks(books, { balancesComplete: false })).toEqual([]);
  });

  it('names the file, line and element of what cannot be mapped', () => {
    const { problems } = readForeignBooks(
      ledger(`<x:科目结构表><x:科目结构><x:科目级次>1</x:科目级次><x:科目编码长度>4</x:科目编码长度></x:科目结构></x:科目结构表>
<x:科目表><x:科目><x:科目编号>1001</x:科目编号><x:科目名称>库存现金</x:科目名称></x:科目></x:科目表>
<x:记账凭证表><x:记账凭证><x:凭证日期>2026-01-05</x:凭证日期><x:凭证编号>1</x:凭证编号>
<x:分录><x:科目编号>101</x:科目编号><x:借方金额>1.005</x:借方金额></x:分录></x:记账凭证></x:记账凭证表>`),
    );
    expect(problems.map(unmappedText)).toEqual([
      '总账.xml 第 2 行 <科目结构>：第 1 级科目编码长度为 4，本系统的科目编码规则是 3-2-2-2，无法对应',
      '总账.xml 第 3 行 <科目>：科目编号 1001 不符合本系统的科目编码规则 3-2-2-2（一级 3 位，以下每级 2 位），无法对应',
      '总账.xml 第 4 行 <记账凭证>：缺少 <凭证类型编号>（或 <凭证字>）',
      '总账.xml 第 5 行 <借方金额>：金额 1.005 有分以下的位数，无法对应（本系统金额精确到分）',
      '总账.xml 第 5 行 <分录>：缺少 <摘要>',
    ]);
  });
});
