import Decimal from 'decimal.js';
import { isCalendarDate } from '../../common/period';
import { findHeader, isBlank } from './columns';
import { RowProblem } from './row-problems';

/** The fields of a bank statement line, and the header names Chinese banks' exports use for each. */
export const STATEMENT_COLUMNS = {
  date: ['交易日期', '记账日期', '日期', '交易时间', '入账日期'],
  amountIn: ['贷方发生额', '贷方金额', '收入金额', '收入', '存入金额', '贷方'],
  amountOut: ['借方发生额', '借方金额', '支出金额', '支出', '支取金额', '借方'],
  amount: ['交易金额', '发生额', '金额'],
  balance: ['余额', '账户余额', '当前余额', '交易后余额'],
  counterpartName: ['对方户名', '对方账户名称', '对方名称', '对方单位'],
  counterpartAccount: ['对方账号', '对方账户', '对方帐号'],
  reference: ['交易流水号', '流水号', '凭证号', '交易参考号', '业务流水号', '参考号'],
  summary: ['摘要', '用途', '附言', '备注'],
} as const;

export type StatementField = keyof typeof STATEMENT_COLUMNS;

/**
 * How one bank's export names its columns: a header name per field (one signed `amount` column, or
 * `amountIn` and `amountOut`). Saved per center and bank, chosen at import; without one, the usual names above.
 */
export type StatementMapping = Partial<Record<StatementField, string>>;

export interface StatementLineInput {
  /** The row number as the spreadsheet shows it. */
  row: number;
  date: string;
  amountIn: Decimal;
  amountOut: Decimal;
  balance: Decimal;
  counterpartName: string | null;
  counterpartAccount: string | null;
  reference: string | null;
  summary: string | null;
}

/** Checks a mapping names a date, a balance and the amount (signed, or in and out). */
export function mappingProblem(m: StatementMapping): string | null {
  if (!m.date || !m.balance) return '须指定日期列和余额列';
  if (m.amount && (m.amountIn || m.amountOut)) return '金额列（带符号）与收入/支出列只能二选一';
  if (!m.amount && !(m.amountIn && m.amountOut)) return '须指定带符号的金额列，或收入列和支出列';
  return null;
}

/**
 * Reads a statement's rows: the header found by the mapping's names (or the usual ones), then one line per
 * non-blank row; each bad cell is a problem with its row number. Dates in the forms banks write (2026-04-01,
 * 2026/4/1, 20260401, 2026.04.01, 2026年4月1日, with or without a time); amounts with thousands separators,
 * ¥ and a blank or "-" for nothing.
 */
export function readStatementRows(rows: string[][], mapping: StatementMapping | null): { lines: StatementLineInput[]; problems: RowProblem[] } {
  const names: Record<StatementField, readonly string[]> = { ...STATEMENT_COLUMNS };
  if (mapping) for (const [k, v] of Object.entries(mapping) as [StatementField, string][]) if (v) names[k] = [v];
  if (mapping) for (const k of Object.keys(names) as StatementField[]) if (!mapping[k]) names[k] = [];
  const signed = mapping ? !!mapping.amount : null;
  const header =
    signed !== true ? findHeader(rows, names, ['date', 'balance', 'amountIn', 'amountOut'] as const) : null;
  const header1 = header ?? (signed !== false ? findHeader(rows, names, ['date', 'balance', 'amount'] as const) : null);
  if (!header1) return { lines: [], problems: [{ row: 0, message: '找不到表头：须有日期、余额，以及收入/支出金额（或带符号的金额）列' }] };
  const c = header1.columns as Partial<Record<StatementField, number>>;
  const label = (f: StatementField) => rows[header1.row][c[f]!] ?? f;
  const lines: StatementLineInput[] = [];
  const problems: RowProblem[] = [];
  for (let i = header1.row + 1; i < rows.length; i++) {
    const r = rows[i];
    if (isBlank(r)) continue;
    const row = i + 1;
    const cell = (f: StatementField) => (c[f] === undefined ? '' : (r[c[f]!] ?? '').trim());
    const before = problems.length;
    const date = parseStatementDate(cell('date'));
    if (!date) problems.push({ row, column: label('date'), message: `日期“${cell('date')}”无法识别` });
    const amount = (f: StatementField) => {
      const v = parseStatementAmount(cell(f));
      if (v === null) problems.push({ row, column: label(f), message: `金额“${cell(f)}”无法识别` });
      return v ?? new Decimal(0);
    };
    let amountIn: Decimal;
    let amountOut: Decimal;
    if (c.amount !== undefined && c.amountIn === undefined) {
      const v = amount('amount');
      amountIn = v.isPositive() ? v : new Decimal(0);
      amountOut = v.isNegative() ? v.negated() : new Decimal(0);
    } else {
      amountIn = amount('amountIn');
      amountOut = amount('amountOut');
      if (amountIn.isNegative() || amountOut.isNegative()) problems.push({ row, message: '收入和支出金额不能为负数' });
    }
    if (problems.length === before && amountIn.isZero() === amountOut.isZero()) {
      problems.push({ row, message: '每行须有且只有一个收入或支出金额' });
    }
    const balance = parseStatementAmount(cell('balance'));
    if (balance === null || cell('balance') === '') problems.push({ row, column: label('balance'), message: `余额“${cell('balance')}”无法识别` });
    if (problems.length > before) continue;
    const text = (f: StatementField, max: number) => cell(f).slice(0, max) || null;
    lines.push({
      row,
      date: date!,
      amountIn,
      amountOut,
      balance: balance!,
      counterpartName: text('counterpartName', 100),
      counterpartAccount: text('counterpartAccount', 40),
      reference: text('reference', 64),
      summary: text('summary', 200),
    });
  }
  if (lines.length === 0 && problems.length === 0) problems.push({ row: 0, message: '文件中没有流水行' });
  return { lines, problems };
}

/**
 * The running balance must chain: each line's balance = the one before + in − out, the first line's from
 * `previous` (the last line already imported, when the file continues it). A break means a line is missing
 * or altered: the file is refused.
 */
export function chainProblems(lines: StatementLineInput[], previous: Decimal | null): RowProblem[] {
  const problems: RowProblem[] = [];
  let prev = previous;
  for (const l of lines) {
    if (prev !== null) {
      const expected = prev.plus(l.amountIn).minus(l.amountOut);
      if (!expected.equals(l.balance)) {
        problems.push({ row: l.row, message: `余额不连续：上一行余额 ${prev.toFixed(2)} ${l.amountIn.isZero() ? `− ${l.amountOut.toFixed(2)}` : `+ ${l.amountIn.toFixed(2)}`} 应为 ${expected.toFixed(2)}，文件为 ${l.balance.toFixed(2)}` });
      }
    }
    prev = l.balance;
  }
  return problems;
}

/** A line's identity across imports: the same account, date, amounts, reference and balance. */
export function lineIdentity(l: Pick<StatementLineInput, 'date' | 'amountIn' | 'amountOut' | 'reference' | 'balance'>): string {
  return [l.date, l.amountIn.toFixed(2), l.amountOut.toFixed(2), l.reference ?? '', l.balance.toFixed(2)].join('|');
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T].*)?$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})(?:\s.*)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:.*)?$/,
  /^(\d{4})(\d{2})(\d{2})(?:\s?\d{2}:?\d{2}:?\d{2})?$/,
];

export function parseStatementDate(text: string): string | null {
  for (const form of DATE_FORMS) {
    const m = form.exec(text.trim());
    if (!m) continue;
    const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isCalendarDate(iso) ? iso : null;
  }
  return null;
}

/** An amount as banks print it; blank or "-" is zero; null when unreadable or finer than a fen. */
export function parseStatementAmount(text: string): Decimal | null {
  const t = text.replace(/[,，\s¥￥]/g, '').replace(/^\+/, '');
  if (t === '' || t === '-' || t === '--') return new Decimal(0);
  if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(t)) {
    // xlsx numbers come as JavaScript prints them (1234.5, 0.30000000000000004): round to the fen if close
    if (/^-?\d+\.\d+$/.test(t)) {
      const d = new Decimal(t);
      const r = d.toDecimalPlaces(2);
      return r.minus(d).abs().lessThan('0.000001') ? r : null;
    }
    return null;
  }
  return new Decimal(t);
}
