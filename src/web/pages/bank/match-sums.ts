import Decimal from 'decimal.js';

/**
 * The totals a cashier sees while choosing a manual match: the chosen bank lines and book lines (both signed:
 * money in positive, out negative) and whether they agree. Entry arithmetic only — the server checks again.
 */
export function matchSums(statement: string[], book: string[]): { statement: string; book: string; agrees: boolean } {
  const s = statement.reduce((t, a) => t.plus(a), new Decimal(0));
  const b = book.reduce((t, a) => t.plus(a), new Decimal(0));
  return { statement: s.toFixed(2), book: b.toFixed(2), agrees: statement.length > 0 && book.length > 0 && s.equals(b) };
}
