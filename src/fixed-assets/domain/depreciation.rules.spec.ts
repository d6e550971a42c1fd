import Decimal from 'decimal.js';
import { AssetForDepreciation, categoryOfExpense, defaultUsefulLifeMonths, depreciationFor } from './depreciation.rules';
import { disposalLines } from './disposal.rules';

const asset = (over: Partial<AssetForDepreciation> = {}): AssetForDepreciation => ({
  cost: new Decimal('7200.00'),
  usefulLifeMonths: 72,
  acquisitionDate: '2026-03-18',
  status: 'active',
  accumulated: new Decimal(0),
  lastDepreciated: null,
  ...over,
});

describe('depreciation (第三十五条)', () => {
  it('straight line from the month of acquisition, none before', () => {
    expect(depreciationFor(asset(), 202602).toFixed(2)).toBe('0.00');
    expect(depreciationFor(asset(), 202603).toFixed(2)).toBe('100.00');
  });

  it('rounds to the fen, and the last month takes what is left so the total is the cost', () => {
    const a = asset({ cost: new Decimal('1000.00'), usefulLifeMonths: 3 });
    expect(depreciationFor(a, 202603).toFixed(2)).toBe('333.33');
    expect(depreciationFor({ ...a, accumulated: new Decimal('333.33'), lastDepreciated: 202603 }, 202604).toFixed(2)).toBe('333.33');
    expect(depreciationFor({ ...a, accumulated: new Decimal('666.66'), lastDepreciated: 202604 }, 202605).toFixed(2)).toBe('333.34');
    expect(depreciationFor({ ...a, accumulated: new Decimal('1000.00'), lastDepreciated: 202605 }, 202606).toFixed(2)).toBe('0.00');
  });

  it('never twice for a month, never for a disposed or cancelled card', () => {
    expect(depreciationFor(asset({ lastDepreciated: 202603, accumulated: new Decimal(100) }), 202603).toFixed(2)).toBe('0.00');
    expect(depreciationFor(asset({ status: 'disposed' }), 202604).toFixed(2)).toBe('0.00');
    expect(depreciationFor(asset({ status: 'cancelled' }), 202604).toFixed(2)).toBe('0.00');
  });

  it('an asset held before the books began continues from what was accumulated', () => {
    expect(depreciationFor(asset({ acquisitionDate: '2020-01-10', accumulated: new Decimal('7150.00') }), 202601).toFixed(2)).toBe('50.00');
  });

  it('categories and default lives follow what was bought (附录2 minimums)', () => {
    expect(categoryOfExpense('50703')).toBe('special');
    expect(categoryOfExpense('50702')).toBe('general');
    expect(defaultUsefulLifeMonths('50702')).toBe(72);
    expect(defaultUsefulLifeMonths('50704')).toBe(96);
  });
});

describe('disposal (处置)', () => {
  const accounts = { asset: '162', fund: '30104', depreciation: '163', bank: '10201', otherIncome: '408' };
  const show = (lines: ReturnType<typeof disposalLines>) => lines.map((l) => `${l.side === 'debit' ? 'Dr' : 'Cr'} ${l.accountCode} ${l.amount.toFixed(2)}`);

  it('takes the card out at book value, and books the price received as other income', () => {
    expect(
      show(disposalLines({ number: 'GZ-0001', name: '电脑', kind: 'sale', cost: new Decimal('7200'), accumulated: new Decimal('1500'), proceeds: new Decimal('800'), accounts })),
    ).toEqual(['Dr 30104 5700.00', 'Dr 163 1500.00', 'Cr 162 7200.00', 'Dr 10201 800.00', 'Cr 408 800.00']);
  });

  it('a fully depreciated asset scrapped without proceeds: only depreciation against cost', () => {
    expect(show(disposalLines({ number: 'GZ-0002', name: '桌', kind: 'scrap', cost: new Decimal('1200'), accumulated: new Decimal('1200'), proceeds: new Decimal(0), accounts }))).toEqual([
      'Dr 163 1200.00',
      'Cr 162 1200.00',
    ]);
  });
});
