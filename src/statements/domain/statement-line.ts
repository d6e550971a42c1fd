import Decimal from 'decimal.js';

/** One line of a statement, with a value per column (two columns in both statements). */
export interface StatementLine {
  /** 行次 */
  no: number;
  key: string;
  label: string;
  /** 01表: left (资产) or right (负债和净资产) half of the form; 02表: one side. */
  side: 'assets' | 'liabilities' | 'single';
  indent: number;
  total: boolean;
  values: Decimal[];
}

/**
 * Lines of several unions added line by line: statement lines are linear in the accounts, so the sum of
 * the statements is the statement of the summed books (汇总).
 */
export function addLines(into: StatementLine[] | null, lines: readonly StatementLine[]): StatementLine[] {
  if (!into) return lines.map((l) => ({ ...l, values: [...l.values] }));
  const byKey = new Map(lines.map((l) => [l.key, l]));
  return into.map((l) => {
    const other = byKey.get(l.key);
    return other ? { ...l, values: l.values.map((v, j) => v.plus(other.values[j])) } : l;
  });
}
