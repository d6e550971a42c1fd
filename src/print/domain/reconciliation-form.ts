import Decimal from 'decimal.js';
import { ReconciliationFigures, ReconcilingLine } from '../../banking/domain/reconciliation.rules';

/** One reconciling item as printed: the amount without its sign (the group says whether it adds or takes away). */
export interface FormItem {
  date: string;
  unionCode: string | null;
  voucherNo: string | null;
  reference: string | null;
  text: string;
  amount: Decimal;
}

export interface FormGroup {
  label: string;
  /** 加 or 减 on its side of the table. */
  sign: '加' | '减';
  side: 'book' | 'bank';
  items: FormItem[];
  total: Decimal;
}

/** 银行存款余额调节表 as a form: the two sides of the table, the four groups of 未达账项 and the signatures. */
export interface ReconciliationForm {
  unitName: string;
  bankName: string;
  accountNo: string;
  accountName: string;
  date: string;
  statementDate: string | null;
  bookBalance: Decimal;
  statementBalance: Decimal;
  groups: [FormGroup, FormGroup, FormGroup, FormGroup];
  adjustedBook: Decimal;
  adjustedStatement: Decimal;
  agrees: boolean;
  /** adjusted book − adjusted statement. */
  difference: Decimal;
  pendingProposals: number;
  chiefAccountant: string | null;
  /** Who signed the reconciliation off through this date or later, and when (local time). */
  reviewer: { name: string; at: string; through: string } | null;
  preparer: string;
  printedAt: string;
}

type Stmt = ReconcilingLine & { reference: string | null; counterpartName: string | null; summary: string | null };
type Book = ReconcilingLine & { unionCode: string; voucherNo: string; summary: string; reference: string | null };

const total = (items: FormItem[]) => items.reduce((s, i) => s.plus(i.amount), new Decimal(0));

function group(label: string, sign: '加' | '减', side: 'book' | 'bank', items: FormItem[]): FormGroup {
  return { label, sign, side, items, total: total(items) };
}

const fromStatement = (l: Stmt): FormItem => ({
  date: l.date,
  unionCode: null,
  voucherNo: null,
  reference: l.reference,
  text: [l.counterpartName, l.summary].filter(Boolean).join(' '),
  amount: l.amount.abs(),
});

const fromBook = (l: Book): FormItem => ({ date: l.date, unionCode: l.unionCode, voucherNo: l.voucherNo, reference: l.reference, text: l.summary, amount: l.amount.abs() });

/**
 * The figures laid out as the printed form reads: the book side adjusted by what the bank has and the books
 * have not (银行已收/已付、单位未收/未付), the bank side by what the books have and the bank has not.
 */
export function reconciliationForm(
  r: ReconciliationFigures<Stmt, Book> & { date: string; statementDate: string | null; pendingProposals: number },
  meta: Pick<ReconciliationForm, 'unitName' | 'bankName' | 'accountNo' | 'accountName' | 'chiefAccountant' | 'reviewer' | 'preparer' | 'printedAt'>,
): ReconciliationForm {
  return {
    ...meta,
    date: r.date,
    statementDate: r.statementDate,
    bookBalance: r.bookBalance,
    statementBalance: r.statementBalance,
    groups: [
      group('银行已收、单位未收', '加', 'book', r.bankInNotBook.map(fromStatement)),
      group('银行已付、单位未付', '减', 'book', r.bankOutNotBook.map(fromStatement)),
      group('单位已收、银行未收', '加', 'bank', r.bookInNotBank.map(fromBook)),
      group('单位已付、银行未付', '减', 'bank', r.bookOutNotBank.map(fromBook)),
    ],
    adjustedBook: r.adjustedBook,
    adjustedStatement: r.adjustedStatement,
    agrees: r.agrees,
    difference: r.difference,
    pendingProposals: r.pendingProposals,
  };
}
