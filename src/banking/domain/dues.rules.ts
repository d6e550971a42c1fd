import Decimal from 'decimal.js';

/**
 * 会费 (brief §5): members pay a share of their monthly wage, commonly 0.5%, and the part of the wage under
 * 10 yuan is ignored. The brief marks the ratio and the rounding unconfirmed: they are the center's settings.
 */
export interface DuesRule {
  /** 0.005 = 0.5%. */
  ratio: Decimal;
  /** The wage is taken in whole multiples of this (10.00: "under 10 yuan ignored"). */
  baseUnit: Decimal;
  /** The dues are rounded to 分, 角 or 元 … */
  roundTo: 'fen' | 'jiao' | 'yuan';
  /** … half up, or down (never more than the rule). */
  rounding: 'half_up' | 'down';
}

export const DEFAULT_DUES_RULE: DuesRule = { ratio: new Decimal('0.005'), baseUnit: new Decimal(10), roundTo: 'fen', rounding: 'half_up' };

const PLACES = { fen: 2, jiao: 1, yuan: 0 } as const;

/** One member's month: the wage base (wage less what is under the unit) and the dues on it. */
export function memberDues(wage: Decimal, rule: DuesRule): { base: Decimal; dues: Decimal } {
  const base = wage.dividedToIntegerBy(rule.baseUnit).times(rule.baseUnit);
  const mode = rule.rounding === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP;
  const dues = base.times(rule.ratio).toDecimalPlaces(PLACES[rule.roundTo], mode);
  return { base, dues: new Decimal(dues.toFixed(2)) };
}
