import Decimal from 'decimal.js';
import { formatVoucherNumber, VoucherType } from '../../ledger/domain/voucher-type';

/**
 * The plain-text journal (hledger's format, which Ledger-likes read too): one transaction per posted voucher,
 * accounts named by the chart's path "501 工会活动支出:50102 文体活动支出", so `hledger bal` rolls children up into
 * their parents as our 科目余额表 does. Amounts are signed debit-positive; red-ink vouchers keep their negative
 * amounts. Pure: rows in, text out.
 */

/** hledger ends an account name at two spaces or a tab and splits it at ":" — neither may appear inside a segment. */
export function accountSegment(code: string, name: string): string {
  const clean = name.replace(/[:：]/g, '／').replace(/[\t\r\n]/g, ' ').replace(/ {2,}/g, ' ').trim();
  return `${code} ${clean}`;
}

/** Full hledger account name of a code, given the names of the chart's accounts. */
export function accountName(code: string, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (let n = 3; n <= code.length; n += 2) {
    const c = code.slice(0, n);
    parts.push(accountSegment(c, names.get(c) ?? ''));
  }
  return parts.join(':');
}

/** Free text on one line, without the comment mark ";" and the payee/note bar "|" hledger would read as syntax. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/;/g, '；').replace(/\|/g, '｜').replace(/ {2,}/g, ' ').trim();
}

export function amount(value: Decimal): string {
  return value.toFixed(2);
}

export interface JournalPosting {
  accountCode: string;
  /** Signed, debit-positive. */
  amount: Decimal;
  summary: string;
  projectCode: string | null;
  fundType: string | null;
}

export function posting(p: JournalPosting, names: ReadonlyMap<string, string>): string {
  const tags = [p.projectCode ? `project:${p.projectCode}` : null, p.fundType ? `fund:${p.fundType}` : null].filter(Boolean).join(', ');
  const comment = [oneLine(p.summary), tags].filter((s) => s !== '').join(' ');
  return `    ${accountName(p.accountCode, names)}  ${amount(p.amount)}${comment ? `  ; ${comment}` : ''}\n`;
}

export interface JournalVoucher {
  date: string;
  type: VoucherType;
  period: number;
  number: number;
  red: boolean;
  summary: string;
  preparer: string;
  postedBy: string;
}

export function transaction(v: JournalVoucher, postings: JournalPosting[], names: ReadonlyMap<string, string>): string {
  const no = formatVoucherNumber(v.type, v.period, v.number);
  const meta = [`制单:${oneLine(v.preparer)}`, `记账:${oneLine(v.postedBy)}`, v.red ? '红字冲销' : null].filter(Boolean).join(' ');
  return `${v.date} * (${no}) ${oneLine(v.summary)}  ; ${meta}\n${postings.map((p) => posting(p, names)).join('')}\n`;
}

/** The opening transaction: every leaf's (and project's) balance at the start of the range, signed. */
export function openingTransaction(date: string, balances: { code: string; projectCode: string | null; balance: Decimal }[], names: ReadonlyMap<string, string>): string {
  const lines = balances.filter((b) => !b.balance.isZero());
  if (lines.length === 0) return '';
  return `${date} * 期初余额\n${lines.map((b) => posting({ accountCode: b.code, amount: b.balance, summary: '', projectCode: b.projectCode, fundType: null }, names)).join('')}\n`;
}

export function accountDirectives(codes: string[], names: ReadonlyMap<string, string>): string {
  return codes.map((c) => `account ${accountName(c, names)}\n`).join('') + '\n';
}
