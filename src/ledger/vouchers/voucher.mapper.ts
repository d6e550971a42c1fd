import Decimal from 'decimal.js';
import { amountInWords } from '../../common/money/amount-in-words';
import { formatAmount } from '../../common/money/amount';
import { formatPeriod } from '../../common/period';
import { LedgerError } from '../ledger.errors';
import { AccountView, ValidVoucher, VoucherLineInput } from '../domain/voucher.rules';
import { formatVoucherNumber } from '../domain/voucher-type';
import { VoucherLineDto } from './dto/voucher.dto';
import { LineResponse, VoucherLinkResponse, VoucherResponse, VoucherSummaryResponse } from './dto/voucher-response.dto';
import { DraftLine, Posting, StoredLine, StoredVoucher, VoucherHeader, VoucherLink, VoucherListItem } from './vouchers.repository';

/** Wire lines to domain lines: exactly one of debit and credit per line, amounts as decimals. */
export function toLineInputs(lines: VoucherLineDto[]): VoucherLineInput[] {
  // null counts as "not given", like an absent key
  const problems = lines.flatMap((line, i) =>
    (line.debit == null) === (line.credit == null)
      ? [{ line: i + 1, message: `第 ${i + 1} 行：借方金额和贷方金额必须且只能填写一个` }]
      : [],
  );
  if (problems.length > 0) {
    throw new LedgerError('LINE_SIDE_INVALID', problems[0].message, { problems });
  }
  return lines.map((line) => ({
    summary: line.summary.trim(),
    accountCode: line.account,
    side: line.debit != null ? 'debit' : 'credit',
    amount: new Decimal((line.debit ?? line.credit)!),
    projectCode: line.project ?? null,
    fundType: line.fundType ?? null,
  }));
}

export function fromStoredLines(lines: DraftLine[]): VoucherLineInput[] {
  return lines.map((l) => ({
    summary: l.summary,
    accountCode: l.accountCode,
    side: l.debit.isZero() ? 'credit' : 'debit',
    amount: l.debit.isZero() ? l.credit : l.debit,
    projectCode: l.projectCode,
    fundType: l.fundType,
  }));
}

export function displayNumber(v: Pick<VoucherHeader, 'type' | 'period' | 'number'>): string | null {
  return v.number === null ? null : formatVoucherNumber(v.type, v.period, v.number);
}

function link(l: VoucherLink | null): VoucherLinkResponse | null {
  return l && { id: l.id, displayNumber: formatVoucherNumber(l.type, l.period, l.number) };
}

function presentLine(l: StoredLine): LineResponse {
  return {
    lineNo: l.lineNo,
    summary: l.summary,
    account: l.accountCode,
    accountName: l.accountName,
    accountPath: l.accountPath,
    debit: l.debit.isZero() ? null : formatAmount(l.debit),
    credit: l.credit.isZero() ? null : formatAmount(l.credit),
    project: l.projectCode,
    fundType: l.fundType,
  };
}

export function presentHeader(v: VoucherHeader): Omit<VoucherSummaryResponse, 'total' | 'summary'> {
  return {
    id: v.id,
    date: v.date,
    period: formatPeriod(v.period),
    type: v.type,
    status: v.status,
    number: v.number,
    displayNumber: displayNumber(v),
    red: v.red,
    attachmentCount: v.attachmentCount,
    source: v.source,
    preparer: v.preparer,
    preparerId: v.preparerId,
    // a voucher posted before 审核 was recorded apart was reviewed by its poster, in the same act
    reviewer: v.reviewer ?? (v.status === 'posted' ? v.postedBy : null),
    postedBy: v.postedBy,
    cashier: v.cashier,
    onePerson: v.onePerson,
    postedAt: v.postedAt ? new Date(v.postedAt).toISOString() : null,
  };
}

export function presentVoucher(v: StoredVoucher): VoucherResponse {
  const total = v.lines.reduce((acc, l) => acc.plus(l.debit), new Decimal(0));
  const credit = v.lines.reduce((acc, l) => acc.plus(l.credit), new Decimal(0));
  return {
    ...presentHeader(v),
    createdAt: new Date(v.createdAt).toISOString(),
    updatedAt: new Date(v.updatedAt).toISOString(),
    reversalOf: link(v.reversalOf),
    reversedBy: link(v.reversedBy),
    lines: v.lines.map(presentLine),
    totalDebit: formatAmount(total),
    totalCredit: formatAmount(credit),
    amountInWords: amountInWords(total),
  };
}

export function presentListItem(v: VoucherListItem): VoucherSummaryResponse {
  return { ...presentHeader(v), total: formatAmount(v.total), summary: v.summary };
}

/** A voucher just written, described from what the transaction already knows (no read-back). */
export function storedFromValid(
  id: string,
  v: ValidVoucher,
  accounts: ReadonlyMap<string, AccountView>,
  meta: Pick<VoucherHeader, 'source' | 'preparer' | 'preparerId' | 'createdAt'> &
    Partial<Pick<VoucherHeader, 'reviewer' | 'reviewerId' | 'cashier' | 'cashierId' | 'onePerson'>> & { posting: Posting | null; postedBy: string | null },
): StoredVoucher {
  const nameOf = (code: string) => accounts.get(code)?.name ?? code;
  return {
    id,
    date: v.date,
    period: v.period,
    type: v.type,
    status: meta.posting ? 'posted' : 'draft',
    number: meta.posting?.number ?? null,
    red: v.red,
    attachmentCount: v.attachmentCount,
    source: meta.source,
    preparer: meta.preparer,
    preparerId: meta.preparerId,
    reviewer: meta.reviewer ?? null,
    reviewerId: meta.reviewerId ?? null,
    cashier: meta.cashier ?? null,
    cashierId: meta.cashierId ?? null,
    onePerson: meta.onePerson ?? false,
    reversalOfId: null,
    version: meta.posting ? null : 1,
    postedBy: meta.posting ? meta.postedBy : null,
    postedAt: meta.posting?.postedAt ?? null,
    createdAt: meta.createdAt,
    updatedAt: meta.posting?.postedAt ?? meta.createdAt,
    reversalOf: null,
    reversedBy: null,
    lines: v.lines.map((l) => ({
      lineNo: l.lineNo,
      summary: l.summary,
      accountCode: l.accountCode,
      accountName: nameOf(l.accountCode),
      accountPath: ancestorCodes(l.accountCode).map(nameOf).join('—'),
      debit: l.side === 'debit' ? l.amount : new Decimal(0),
      credit: l.side === 'credit' ? l.amount : new Decimal(0),
      projectCode: l.projectCode,
      fundType: l.fundType,
    })),
  };
}

function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let n = 3; n <= code.length; n += 2) codes.push(code.slice(0, n));
  return codes;
}
