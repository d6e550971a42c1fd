import Decimal from 'decimal.js';
import { DEFAULT_DUES_RULE, DuesRule, memberDues } from './dues.rules';

const d = (v: string) => new Decimal(v);
const dues = (wage: string, rule: DuesRule = DEFAULT_DUES_RULE) => {
  const r = memberDues(d(wage), rule);
  return [r.base.toFixed(2), r.dues.toFixed(2)];
};

describe('member dues', () => {
  it('takes 0.5% of the wage with the part under 10 yuan ignored', () => {
    expect(dues('6789.99')).toEqual(['6780.00', '33.90']);
    expect(dues('5000.00')).toEqual(['5000.00', '25.00']);
    expect(dues('9.99')).toEqual(['0.00', '0.00']);
  });

  it('rounds half up to the fen by default, or down, or to the jiao or yuan as the center sets', () => {
    expect(dues('4330')).toEqual(['4330.00', '21.65']);
    expect(dues('4330', { ...DEFAULT_DUES_RULE, roundTo: 'jiao' })).toEqual(['4330.00', '21.70']);
    expect(dues('4330', { ...DEFAULT_DUES_RULE, roundTo: 'jiao', rounding: 'down' })).toEqual(['4330.00', '21.60']);
    expect(dues('4330', { ...DEFAULT_DUES_RULE, roundTo: 'yuan' })).toEqual(['4330.00', '22.00']);
    expect(dues('3333', { ...DEFAULT_DUES_RULE, ratio: d('0.003') })).toEqual(['3330.00', '9.99']);
  });

  it('takes the wage in whole units of the base the center sets', () => {
    expect(dues('4567.00', { ...DEFAULT_DUES_RULE, baseUnit: d('100') })).toEqual(['4500.00', '22.50']);
    expect(dues('4567.89', { ...DEFAULT_DUES_RULE, baseUnit: d('0.01') })).toEqual(['4567.89', '22.84']);
  });
});
