import Decimal from 'decimal.js';
import { formatAmount } from '../../common/money/amount';
import { BookSideResponse, MatchResponse, ReconciliationResponse, SignOffResponse, StatementSideResponse } from './dto/reconciliation.dto';
import { BookLine, StatementSideLine } from './matches.repository';
import { MatchDetail } from './matching.service';
import { Reconciliation } from './reconciliation.service';
import { SignOff } from './reconciliation.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const presentStatementSide = (l: StatementSideLine): StatementSideResponse => ({
  id: l.id,
  date: l.date,
  amount: formatAmount(l.amount),
  reference: l.reference,
  counterpartName: l.counterpartName,
  summary: l.summary,
});

export const presentBookSide = (l: BookLine): BookSideResponse => ({
  unionId: l.unionId,
  unionCode: l.unionCode,
  voucherId: l.voucherId,
  lineNo: l.lineNo,
  voucherNo: l.voucherNo,
  date: l.date,
  summary: l.summary,
  amount: formatAmount(l.amount),
  reference: l.reference,
});

export const presentMatch = (m: MatchDetail): MatchResponse => ({
  id: m.id,
  rule: m.rule,
  confidence: m.confidence,
  status: m.status,
  createdByName: m.createdByName,
  createdAt: iso(m.createdAt)!,
  decidedByName: m.decidedByName,
  decidedAt: iso(m.decidedAt),
  statement: m.statement.map(presentStatementSide),
  book: m.book.map(presentBookSide),
});

export const presentSignOff = (s: SignOff): SignOffResponse => ({
  id: s.id,
  bankAccountId: s.bankAccountId,
  throughDate: s.throughDate,
  bookBalance: formatAmount(s.bookBalance),
  statementBalance: formatAmount(s.statementBalance),
  adjustedBalance: formatAmount(s.adjustedBalance),
  openItems: s.openItems,
  note: s.note,
  signedByName: s.signedByName,
  signedAt: iso(s.signedAt)!,
});

const total = (ls: { amount: Decimal }[]) => formatAmount(ls.reduce((s, l) => s.plus(l.amount), new Decimal(0)).abs());

export const presentReconciliation = (r: Reconciliation): ReconciliationResponse => ({
  bankAccountId: r.bankAccountId,
  date: r.date,
  statementDate: r.statementDate,
  bookBalance: formatAmount(r.bookBalance),
  statementBalance: formatAmount(r.statementBalance),
  bankInNotBook: { total: total(r.bankInNotBook), lines: r.bankInNotBook.map(presentStatementSide) },
  bankOutNotBook: { total: total(r.bankOutNotBook), lines: r.bankOutNotBook.map(presentStatementSide) },
  bookInNotBank: { total: total(r.bookInNotBank), lines: r.bookInNotBank.map(presentBookSide) },
  bookOutNotBank: { total: total(r.bookOutNotBank), lines: r.bookOutNotBank.map(presentBookSide) },
  adjustedBook: formatAmount(r.adjustedBook),
  adjustedStatement: formatAmount(r.adjustedStatement),
  difference: formatAmount(r.difference),
  agrees: r.agrees,
  pendingProposals: r.pendingProposals,
  lastSignOff: r.lastSignOff && presentSignOff(r.lastSignOff),
});
