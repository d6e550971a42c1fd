import Decimal from 'decimal.js';

/**
 * Money in union-ledger: decimal strings on the wire ("1234.50"), decimal.js in code, numeric(18,2) in
 * PostgreSQL. A JS number never holds an amount.
 */
Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/** At most 12 integer digits and 2 decimals: 999,999,999,999.99 is the largest single amount. */
export const AMOUNT_PATTERN = /^-?(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
export const MAX_AMOUNT = new Decimal('999999999999.99');
export const ZERO = new Decimal(0);

export type AmountProblem = 'not_a_string' | 'format' | 'zero';

/** Parses a wire amount; returns the problem instead of throwing so callers can word it for their field. */
export function parseAmount(value: unknown): Decimal | AmountProblem {
  if (typeof value !== 'string') return 'not_a_string';
  if (!AMOUNT_PATTERN.test(value)) return 'format';
  const amount = new Decimal(value);
  if (amount.isZero()) return 'zero';
  return amount;
}

export function isAmountString(value: unknown): boolean {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

/** Always two places, no grouping: the canonical wire and database form. */
export function formatAmount(amount: Decimal.Value): string {
  return new Decimal(amount).toFixed(2);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export { Decimal };
