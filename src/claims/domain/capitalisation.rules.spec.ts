import Decimal from 'decimal.js';
import { assetCategory, capitalisation, capitalisedTotal, PurchaseLine } from './capitalisation.rules';

const d = (v: string) => new Decimal(v);
const line = (lineNo: number, unitPrice: string, quantity = '1'): PurchaseLine => ({
  lineNo,
  description: `物品${lineNo}`,
  quantity: d(quantity),
  unitPrice: d(unitPrice),
  amount: d(quantity).times(unitPrice).toDecimalPlaces(2),
});
const statutory = { general: d('1000.00'), special: d('1500.00') };
const items = (account: string, lines: PurchaseLine[], thresholds = statutory, bulk = false) =>
  capitalisation(account, lines, thresholds, bulk).map((i) => [i.lineNo, i.category, i.amount.toFixed(2)]);

describe('fixed-asset capitalisation (工会会计制度 第三十二条)', () => {
  it('capitalises general equipment from a unit value of 1,000.00 on, not at 999.99', () => {
    expect(items('50702', [line(1, '999.99')])).toEqual([]);
    expect(items('50702', [line(1, '1000.00')])).toEqual([[1, 'general', '1000.00']]);
    // vehicles and IT equipment are general equipment too
    expect(items('50704', [line(1, '999.99'), line(2, '1000.00')])).toEqual([[2, 'general', '1000.00']]);
    expect(items('50706', [line(1, '1000.00')])).toEqual([[1, 'general', '1000.00']]);
  });

  it('capitalises special equipment from 1,500.00 on, not at 1,499.99 (nor at the general threshold)', () => {
    expect(items('50703', [line(1, '1499.99'), line(2, '1000.00')])).toEqual([]);
    expect(items('50703', [line(1, '1500.00')])).toEqual([[1, 'special', '1500.00']]);
  });

  it('judges each line by its unit value, not the purchase total, and enters the whole line', () => {
    // three chairs at 400.00 make 1,200.00, but no one chair is a fixed asset
    expect(items('50702', [line(1, '400.00', '3')])).toEqual([]);
    expect(items('50702', [line(1, '400.00', '3'), line(2, '5000.00', '2')])).toEqual([[2, 'general', '10000.00']]);
    expect(capitalisedTotal(capitalisation('50702', [line(1, '1000.00', '2'), line(2, '3000.00')], statutory)).toFixed(2)).toBe('5000.00');
  });

  it("follows the center's own thresholds", () => {
    const center = { general: d('2000.00'), special: d('2500.00') };
    expect(items('50702', [line(1, '1999.99'), line(2, '2000.00')], center)).toEqual([[2, 'general', '2000.00']]);
    expect(items('50703', [line(1, '2499.99'), line(2, '2500.00')], center)).toEqual([[2, 'special', '2500.00']]);
  });

  it('always capitalises buildings, every line of a bulk purchase of like items, and nothing bought under other accounts', () => {
    expect(items('50701', [line(1, '800.00')])).toEqual([[1, 'building', '800.00']]);
    expect(items('50702', [line(1, '300.00', '50')], statutory, true)).toEqual([[1, 'general', '15000.00']]);
    for (const account of ['50705', '50707', '50101', '50304']) {
      expect([account, items(account, [line(1, '99999.00')], statutory, true)]).toEqual([account, []]);
    }
  });

  it('reads the kind of asset from the account and its detail accounts', () => {
    expect([assetCategory('5070201'), assetCategory('50703'), assetCategory('50705'), assetCategory('507')]).toEqual(['general', 'special', null, null]);
  });
});
