import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';

export interface SignOff {
  id: string;
  bankAccountId: string;
  throughDate: string;
  bookBalance: Decimal;
  statementBalance: Decimal;
  adjustedBalance: Decimal;
  openItems: number;
  note: string | null;
  signedBy: string | null;
  signedByName: string;
  signedAt: Date;
}

type Row = Omit<SignOff, 'bookBalance' | 'statementBalance' | 'adjustedBalance'> & { bookBalance: string; statementBalance: string; adjustedBalance: string };

/** Sign-offs of a pooled account's reconciliation (append-only), and the review queue's size. */
@Injectable()
export class ReconciliationRepository {
  async insert(em: EntityManager, centerId: string, s: Omit<SignOff, 'signedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO bank_reconciliations (center_id, id, bank_account_id, through_date, book_balance, statement_balance, adjusted_balance,
                                         open_items, note, signed_by, signed_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [centerId, s.id, s.bankAccountId, s.throughDate, s.bookBalance.toFixed(2), s.statementBalance.toFixed(2), s.adjustedBalance.toFixed(2), s.openItems, s.note, s.signedBy, s.signedByName],
    );
  }

  /** The sign-off reaching furthest (the latest signed among those); with `through`, the latest signed through exactly that date. */
  async last(em: EntityManager, centerId: string, bankAccountId: string, through?: string): Promise<SignOff | undefined> {
    const rows: Row[] = await em.query(
      `SELECT id, bank_account_id AS "bankAccountId", to_char(through_date, 'YYYY-MM-DD') AS "throughDate", book_balance AS "bookBalance",
              statement_balance AS "statementBalance", adjusted_balance AS "adjustedBalance", open_items AS "openItems", note,
              signed_by AS "signedBy", signed_by_name AS "signedByName", signed_at AS "signedAt"
         FROM bank_reconciliations WHERE center_id = $1 AND bank_account_id = $2 AND ($3::date IS NULL OR through_date = $3::date)
        ORDER BY through_date DESC, signed_at DESC LIMIT 1`,
      [centerId, bankAccountId, through ?? null],
    );
    const r = rows[0];
    return r && { ...r, bookBalance: new Decimal(r.bookBalance), statementBalance: new Decimal(r.statementBalance), adjustedBalance: new Decimal(r.adjustedBalance) };
  }

  /** Proposals waiting for the cashier that involve a line (statement or book: a transfer has no statement line) on or before the date. */
  async pendingProposals(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<number> {
    const [{ n }] = await em.query(
      `SELECT count(DISTINCT m.id)::int AS n FROM bank_matches m
         JOIN bank_match_items i ON i.center_id = m.center_id AND i.match_id = m.id
         LEFT JOIN bank_statement_lines l ON l.center_id = i.center_id AND l.id = i.statement_line_id
         LEFT JOIN voucher_lines vl ON vl.union_id = i.union_id AND vl.voucher_id = i.voucher_id AND vl.line_no = i.line_no
        WHERE m.center_id = $1 AND m.bank_account_id = $2 AND m.status = 'proposed' AND coalesce(l.txn_date, vl.voucher_date) <= $3`,
      [centerId, bankAccountId, date],
    );
    return n;
  }
}
