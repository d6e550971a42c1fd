import { BankingErrorCode, BankingError } from '../banking.errors';

/** One problem of one row of an uploaded file: its row number as the user sees it (1 = the first line). */
export interface RowProblem {
  row: number;
  /** The column's header, when the problem is one cell's. */
  column?: string;
  message: string;
}

/** How many problems an answer lists; the count always says how many there were. */
export const MAX_LISTED_PROBLEMS = 1000;

/**
 * Refuses a whole file for its rows' problems, all of them at once (up to MAX_LISTED_PROBLEMS): the message
 * names the first few in Chinese, `details.rows` lists each with its row number.
 */
export function rowsRefused(code: BankingErrorCode, what: string, problems: RowProblem[]): BankingError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const first = sorted
    .slice(0, 3)
    .map((p) => `第 ${p.row} 行${p.column ? `（${p.column}）` : ''}：${p.message}`)
    .join('；');
  return new BankingError(code, `${what}有 ${problems.length} 处错误，未作任何处理。${first}${problems.length > 3 ? '……' : ''}`, {
    problemCount: problems.length,
    rows: sorted.slice(0, MAX_LISTED_PROBLEMS),
  });
}
