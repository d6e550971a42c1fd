import Decimal from 'decimal.js';
import { compareBalances, replayBalances } from './balance-replay.rules';

const d = (v: string) => new Decimal(v);

describe('replayBalances', () => {
  const expected = replayBalances(new Map([['10201', d('100')]]), 202601, [
    { accountCode: '10201', period: 202603, debit: d('50'), credit: d('0') },
    { accountCode: '10201', period: 202602, debit: d('0'), credit: d('30') },
    { accountCode: '402', period: 202603, debit: d('0'), credit: d('50') },
  ]);

  it('chains each period from the previous closing, starting at the opening balance', () => {
    expect(expected.get('10201:202601')!.closing.toFixed(2)).toBe('100.00');
    expect(expected.get('10201:202602')!.opening.toFixed(2)).toBe('100.00');
    expect(expected.get('10201:202603')!.opening.toFixed(2)).toBe('70.00');
    expect(expected.get('10201:202603')!.closing.toFixed(2)).toBe('120.00');
    expect(expected.get('402:202603')!.closing.toFixed(2)).toBe('-50.00');
  });

  it('finds altered, missing and extra rows', () => {
    const stored = [...expected].map(([k, f]) => ({ accountCode: k.split(':')[0], period: Number(k.split(':')[1]), ...f }));
    expect(compareBalances(expected, stored)).toEqual([]);
    const altered = stored.map((r) => (r.period === 202602 ? { ...r, credit: d('31'), closing: d('69') } : r));
    expect(compareBalances(expected, altered).map((m) => m.period)).toEqual([202602]);
    expect(compareBalances(expected, stored.slice(1))).toHaveLength(1);
    expect(compareBalances(expected, [...stored, { accountCode: '101', period: 202601, opening: d('0'), debit: d('1'), credit: d('0'), closing: d('1') }])).toHaveLength(1);
  });
});
