import Decimal from 'decimal.js';

/** A line that is on one side by the statement's date and not (yet) on the other. */
export interface ReconcilingLine {
  date: string;
  /** Positive: money in; negative: money out. */
  amount: Decimal;
}

export interface ReconciliationFigures<S extends ReconcilingLine, B extends ReconcilingLine> {
  bookBalance: Decimal;
  statementBalance: Decimal;
  /** 银行已收企业未收 */
  bankInNotBook: S[];
  /** 银行已付企业未付 */
  bankOutNotBook: S[];
  /** 企业已收银行未收 */
  bookInNotBank: B[];
  /** 企业已付银行未付 */
  bookOutNotBank: B[];
  /** 调节后的企业账面余额 = 账面余额 + 银行已收企业未收 − 银行已付企业未付 */
  adjustedBook: Decimal;
  /** 调节后的银行对账单余额 = 对账单余额 + 企业已收银行未收 − 企业已付银行未付 */
  adjustedStatement: Decimal;
  difference: Decimal;
  agrees: boolean;
}

/**
 * 银行存款余额调节表: the statement lines to the date not matched with book lines to the date are the bank's
 * items, the book lines to the date not matched with statement lines to the date the books' items; each
 * side is adjusted by the other's items. A difference that remains is unexplained.
 */
export function reconcile<S extends ReconcilingLine, B extends ReconcilingLine>(
  bookBalance: Decimal,
  statementBalance: Decimal,
  unmatchedStatement: S[],
  unmatchedBook: B[],
): ReconciliationFigures<S, B> {
  const total = (ls: ReconcilingLine[]) => ls.reduce((s, l) => s.plus(l.amount), new Decimal(0));
  const bankInNotBook = unmatchedStatement.filter((l) => l.amount.isPositive());
  const bankOutNotBook = unmatchedStatement.filter((l) => l.amount.isNegative());
  const bookInNotBank = unmatchedBook.filter((l) => l.amount.isPositive());
  const bookOutNotBank = unmatchedBook.filter((l) => l.amount.isNegative());
  // the out-items are negative: adding them subtracts
  const adjustedBook = bookBalance.plus(total(bankInNotBook)).plus(total(bankOutNotBook));
  const adjustedStatement = statementBalance.plus(total(bookInNotBank)).plus(total(bookOutNotBank));
  const difference = adjustedBook.minus(adjustedStatement);
  return {
    bookBalance,
    statementBalance,
    bankInNotBook,
    bankOutNotBook,
    bookInNotBank,
    bookOutNotBank,
    adjustedBook,
    adjustedStatement,
    difference,
    agrees: difference.isZero(),
  };
}
