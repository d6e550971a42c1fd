import Decimal from 'decimal.js';
import { ACCOUNT_CODE_PATTERN, levelOfCode, parentCodeOf } from '../../ledger/domain/account-rules';
import { AccountRow, SIDE_LABEL } from './gbt-records';

/**
 * 期初余额 and detail accounts from another package's spreadsheet (科目编码, 科目名称, 方向, 期初余额): every row
 * checked, every problem with its row number, nothing planned unless the whole sheet is right. 方向 is the
 * account's balance direction (as the 期初余额 screens of 用友 / 金蝶 export it); a negative 期初余额 lies on the
 * other side. Rows of parent accounts are totals: checked against their children, not imported.
 */
export interface SheetRow {
  /** Row number in the file (1-based, as Excel shows it). */
  row: number;
  code: string;
  name: string;
  side: string;
  amount: string;
}

export interface SheetProblem {
  row: number | null;
  message: string;
}

export interface SheetPlan {
  /** Detail accounts to create, parents first. */
  accounts: AccountRow[];
  /** Signed (debit-positive) balances of leaves, with the row they came from. */
  openings: { code: string; amount: Decimal; row: number }[];
  debit: Decimal;
  credit: Decimal;
}

const SIDES: Record<string, 'debit' | 'credit'> = { 借: 'debit', 借方: 'debit', 贷: 'credit', 贷方: 'credit' };
const AMOUNT = /^-?\d{1,16}(\.\d{1,2})?$/;

export function planOpeningSheet(
  rows: readonly SheetRow[],
  chart: ReadonlyMap<string, AccountRow>,
  reservedParents: readonly string[],
): { plan: SheetPlan | null; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const bad = (row: number | null, message: string) => problems.push({ row, message: row === null ? message : `第 ${row} 行：${message}` });
  const seen = new Map<string, SheetRow>();
  const parsed: { r: SheetRow; side: 'debit' | 'credit'; amount: Decimal }[] = [];
  for (const r of rows) {
    const code = r.code;
    if (!ACCOUNT_CODE_PATTERN.test(code)) {
      bad(r.row, `科目编码“${code}”不正确（一级科目 3 位，每级明细 2 位，最多 4 级）`);
      continue;
    }
    if (seen.has(code)) {
      bad(r.row, `科目编码 ${code} 与第 ${seen.get(code)!.row} 行重复`);
      continue;
    }
    seen.set(code, r);
    const side = SIDES[r.side.trim()];
    if (!side) bad(r.row, `方向“${r.side}”应为“借”或“贷”`);
    const text = r.amount.replace(/[,，\s]/g, '');
    if (text !== '' && !AMOUNT.test(text)) bad(r.row, `期初余额“${r.amount}”不是金额（最多两位小数）`);
    if (side && (text === '' || AMOUNT.test(text))) parsed.push({ r, side, amount: new Decimal(text === '' ? 0 : text) });
  }

  // the chart after the sheet: ours plus the new detail accounts, parents first
  const accounts = new Map(chart);
  const created: AccountRow[] = [];
  for (const { r, side } of [...parsed].sort((a, b) => (a.r.code < b.r.code ? -1 : 1))) {
    const existing = accounts.get(r.code);
    if (existing) {
      if (existing.normalSide !== side) bad(r.row, `方向“${r.side}”与科目 ${r.code} ${existing.name} 的余额方向（${SIDE_LABEL[existing.normalSide]}）不符`);
      continue;
    }
    const parentCode = parentCodeOf(r.code);
    const parent = parentCode ? accounts.get(parentCode) : undefined;
    if (!parentCode || !parent) {
      bad(r.row, parentCode ? `科目 ${r.code} 的上级科目 ${parentCode} 不在本工会科目表中，也不在文件中` : `一级科目 ${r.code} 不是《工会会计制度》的科目`);
      continue;
    }
    if (r.code.endsWith('00')) bad(r.row, `明细科目编码 ${r.code} 末两位不能为 00`);
    if (reservedParents.includes(parent.code)) bad(r.row, `科目 ${parent.code} ${parent.name} 由结账记账，不能增设下级明细科目`);
    if (!r.name.trim() || r.name.trim().length > 100) bad(r.row, `新增明细科目 ${r.code} 须有科目名称（不超过 100 字）`);
    if (parent.normalSide !== side) bad(r.row, `方向“${r.side}”与上级科目 ${parent.code} ${parent.name} 的余额方向（${SIDE_LABEL[parent.normalSide]}）不符`);
    const account: AccountRow = {
      code: r.code, name: r.name.trim(), level: levelOfCode(r.code), parentCode: parent.code, category: parent.category,
      normalSide: parent.normalSide, isLeaf: true, isActive: true, isStandard: false,
    };
    accounts.set(r.code, account);
    accounts.set(parent.code, { ...parent, isLeaf: false });
    created.push(account);
  }

  // signed balances; a parent row must equal the sum of its children's rows
  const signed = new Map<string, { value: Decimal; row: number }>();
  for (const { r, amount } of parsed) {
    const a = accounts.get(r.code);
    if (a) signed.set(r.code, { value: a.normalSide === 'debit' ? amount : amount.negated(), row: r.row });
  }
  const openings: SheetPlan['openings'] = [];
  for (const [code, { value, row }] of signed) {
    const a = accounts.get(code)!;
    if (a.isLeaf) {
      if (!value.isZero()) openings.push({ code, amount: value, row });
      continue;
    }
    const children = [...signed].filter(([c]) => c.length === code.length + 2 && c.startsWith(code));
    if (children.length === 0) {
      if (!value.isZero()) bad(row, `科目 ${code} ${a.name} 有下级科目，期初余额须录在末级科目上`);
      continue;
    }
    const sum = children.reduce((acc, [, c]) => acc.plus(c.value), new Decimal(0));
    if (!value.isZero() && !sum.equals(value)) bad(row, `科目 ${code} 的期初余额 ${value.abs().toFixed(2)} 与其下级科目合计 ${sum.abs().toFixed(2)} 不符`);
  }
  const debit = openings.filter((o) => o.amount.gt(0)).reduce((acc, o) => acc.plus(o.amount), new Decimal(0));
  const credit = openings.filter((o) => o.amount.lt(0)).reduce((acc, o) => acc.minus(o.amount), new Decimal(0));
  if (!debit.equals(credit)) bad(null, `期初余额借贷不平衡：借方合计 ${debit.toFixed(2)}，贷方合计 ${credit.toFixed(2)}`);
  if (problems.length === 0 && openings.length === 0 && created.length === 0) bad(null, '文件中没有期初余额或新增科目');
  openings.sort((a, b) => (a.code < b.code ? -1 : 1));
  return problems.length ? { plan: null, problems } : { plan: { accounts: created, openings, debit, credit }, problems };
}
