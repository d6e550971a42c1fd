import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Confidence } from '../domain/matching.rules';

/** A posted voucher line on one of the account's shares: the books' side of the bank. */
export interface BookLine {
  unionId: string;
  unionCode: string;
  voucherId: string;
  lineNo: number;
  voucherNo: string;
  date: string;
  summary: string;
  /** Debit (money in) positive, credit negative. */
  amount: Decimal;
  reference: string | null;
}

export interface StatementSideLine {
  id: string;
  date: string;
  /** In positive, out negative. */
  amount: Decimal;
  reference: string | null;
  counterpartName: string | null;
  summary: string | null;
}

export interface MatchRecord {
  id: string;
  rule: string;
  confidence: Confidence;
  status: 'proposed' | 'confirmed' | 'rejected' | 'undone';
  createdByName: string;
  createdAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
}

export const bookKey = (l: { unionId: string; voucherId: string; lineNo: number }) => `${l.unionId}|${l.voucherId}|${l.lineNo}`;

const BOOK_SELECT = `
  SELECT vl.union_id AS "unionId", u.code AS "unionCode", vl.voucher_id AS "voucherId", vl.line_no AS "lineNo",
         to_char(vl.voucher_date, 'YYYY-MM-DD') AS date, vl.summary, (vl.debit - vl.credit)::text AS amount,
         v.voucher_type || '-' || v.period || '-' || v.number AS "voucherNo",
         coalesce((SELECT r.bank_reference FROM receipts r WHERE r.union_id = vl.union_id AND r.voucher_id = vl.voucher_id),
                  (SELECT c.payment_ref FROM claims c WHERE c.union_id = vl.union_id AND c.voucher_id = vl.voucher_id),
                  (SELECT w.bank_reference FROM union_withdrawals w WHERE w.union_id = vl.union_id AND w.voucher_id = vl.voucher_id)) AS reference
    FROM bank_account_shares s
    JOIN unions u ON u.id = s.union_id
    JOIN voucher_lines vl ON vl.union_id = s.union_id AND vl.account_code = s.account_code
    JOIN vouchers v ON v.union_id = vl.union_id AND v.id = vl.voucher_id`;

const STATEMENT_SELECT = `
  SELECT l.id, to_char(l.txn_date, 'YYYY-MM-DD') AS date, (l.amount_in - l.amount_out)::text AS amount, l.reference,
         l.counterpart_name AS "counterpartName", l.summary
    FROM bank_statement_lines l`;

type Raw<T> = Omit<T, 'amount'> & { amount: string };
const withAmount = <T>(r: Raw<T>) => ({ ...r, amount: new Decimal(r.amount) }) as T;

/** Confirmed matches whose every line is dated on or before $3: what the bank and the books agree on at that date. */
const SETTLED = (side: 'statement' | 'book', date = '$3') => `
  EXISTS (SELECT 1 FROM bank_match_items i JOIN bank_matches m ON m.center_id = i.center_id AND m.id = i.match_id
           WHERE i.live AND m.status = 'confirmed' AND ${side === 'statement' ? 'i.center_id = l.center_id AND i.statement_line_id = l.id' : 'i.union_id = vl.union_id AND i.voucher_id = vl.voucher_id AND i.line_no = vl.line_no'}
             AND NOT EXISTS (SELECT 1 FROM bank_match_items j
                               LEFT JOIN bank_statement_lines sl ON sl.center_id = j.center_id AND sl.id = j.statement_line_id
                               LEFT JOIN voucher_lines bl ON bl.union_id = j.union_id AND bl.voucher_id = j.voucher_id AND bl.line_no = j.line_no
                              WHERE j.center_id = i.center_id AND j.match_id = i.match_id AND coalesce(sl.txn_date, bl.voucher_date) > ${date}))`;

/** Statement lines and book lines of a pooled account, and the matches between them. */
@Injectable()
export class MatchesRepository {
  /** Lines in no live match (nor ever in a rejected proposal: those are left to the cashier). */
  async openStatementLines(em: EntityManager, centerId: string, bankAccountId: string): Promise<StatementSideLine[]> {
    const rows: Raw<StatementSideLine>[] = await em.query(
      `${STATEMENT_SELECT}
        WHERE l.center_id = $1 AND l.bank_account_id = $2
          AND NOT EXISTS (SELECT 1 FROM bank_match_items i LEFT JOIN bank_matches m ON m.center_id = i.center_id AND m.id = i.match_id
                           WHERE i.center_id = l.center_id AND i.statement_line_id = l.id AND (i.live OR m.status = 'rejected'))
        ORDER BY l.seq`,
      [centerId, bankAccountId],
    );
    return rows.map(withAmount<StatementSideLine>);
  }

  async openBookLines(em: EntityManager, centerId: string, bankAccountId: string): Promise<BookLine[]> {
    const rows: Raw<BookLine>[] = await em.query(
      `${BOOK_SELECT}
        WHERE s.center_id = $1 AND s.bank_account_id = $2
          AND NOT EXISTS (SELECT 1 FROM bank_match_items i LEFT JOIN bank_matches m ON m.center_id = i.center_id AND m.id = i.match_id
                           WHERE i.union_id = vl.union_id AND i.voucher_id = vl.voucher_id AND i.line_no = vl.line_no AND (i.live OR m.status = 'rejected'))
        ORDER BY vl.voucher_date, u.code, vl.voucher_id, vl.line_no`,
      [centerId, bankAccountId],
    );
    return rows.map(withAmount<BookLine>);
  }

  /** Statement lines on or before `date` not settled by a confirmed match at that date. */
  async unsettledStatement(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<StatementSideLine[]> {
    const rows: Raw<StatementSideLine>[] = await em.query(
      `${STATEMENT_SELECT} WHERE l.center_id = $1 AND l.bank_account_id = $2 AND l.txn_date <= $3 AND NOT ${SETTLED('statement')} ORDER BY l.seq`,
      [centerId, bankAccountId, date],
    );
    return rows.map(withAmount<StatementSideLine>);
  }

  async unsettledBook(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<BookLine[]> {
    const rows: Raw<BookLine>[] = await em.query(
      `${BOOK_SELECT} WHERE s.center_id = $1 AND s.bank_account_id = $2 AND vl.voucher_date <= $3 AND NOT ${SETTLED('book')}
        ORDER BY vl.voucher_date, u.code, vl.voucher_id, vl.line_no`,
      [centerId, bankAccountId, date],
    );
    return rows.map(withAmount<BookLine>);
  }

  /** Per union of the center: its book lines on any share dated on or before `date` and not settled then (汇总表). */
  async unsettledByUnion(em: EntityManager, centerId: string, date: string): Promise<Map<string, { items: number; amount: Decimal }>> {
    const rows: { unionId: string; items: number; amount: string }[] = await em.query(
      `SELECT vl.union_id AS "unionId", count(*)::int AS items, sum(vl.debit - vl.credit)::text AS amount
         FROM bank_account_shares s
         JOIN voucher_lines vl ON vl.union_id = s.union_id AND vl.account_code = s.account_code
        WHERE s.center_id = $1 AND vl.voucher_date <= $2 AND NOT ${SETTLED('book', '$2')}
        GROUP BY vl.union_id`,
      [centerId, date],
    );
    return new Map(rows.map((r) => [r.unionId, { items: r.items, amount: new Decimal(r.amount) }]));
  }

  /** The named lines of the account, for a manual match. */
  async statementLinesById(em: EntityManager, centerId: string, bankAccountId: string, ids: string[]): Promise<StatementSideLine[]> {
    const rows: Raw<StatementSideLine>[] = await em.query(`${STATEMENT_SELECT} WHERE l.center_id = $1 AND l.bank_account_id = $2 AND l.id = ANY($3::uuid[])`, [centerId, bankAccountId, ids]);
    return rows.map(withAmount<StatementSideLine>);
  }

  async bookLinesByKey(em: EntityManager, centerId: string, bankAccountId: string, keys: { unionId: string; voucherId: string; lineNo: number }[]): Promise<BookLine[]> {
    const rows: Raw<BookLine>[] = await em.query(
      `${BOOK_SELECT} JOIN unnest($3::uuid[], $4::uuid[], $5::int[]) AS k(u, v, n) ON k.u = vl.union_id AND k.v = vl.voucher_id AND k.n = vl.line_no
        WHERE s.center_id = $1 AND s.bank_account_id = $2`,
      [centerId, bankAccountId, keys.map((k) => k.unionId), keys.map((k) => k.voucherId), keys.map((k) => k.lineNo)],
    );
    return rows.map(withAmount<BookLine>);
  }

  /** Many matches in three statements (automatic matching of a large statement). */
  async insert(
    em: EntityManager,
    centerId: string,
    bankAccountId: string,
    matches: { id: string; rule: string; confidence: Confidence; status: 'proposed' | 'confirmed'; statement: string[]; book: { unionId: string; voucherId: string; lineNo: number }[] }[],
    actor: { id: string | null; name: string },
  ): Promise<void> {
    if (matches.length === 0) return;
    await em.query(
      `INSERT INTO bank_matches (center_id, id, bank_account_id, rule, confidence, status, created_by, created_by_name, decided_by, decided_by_name, decided_at)
       SELECT $1, x.id, $2, x.rule, x.confidence, x.status, $6::uuid, $7::varchar, CASE WHEN x.status = 'confirmed' THEN $6::uuid END,
              CASE WHEN x.status = 'confirmed' THEN $7::varchar END, CASE WHEN x.status = 'confirmed' THEN now() END
         FROM unnest($3::uuid[], $4::varchar[], $5::varchar[], $8::varchar[]) AS x(id, rule, confidence, status)`,
      [centerId, bankAccountId, matches.map((m) => m.id), matches.map((m) => m.rule), matches.map((m) => m.confidence), actor.id, actor.name, matches.map((m) => m.status)],
    );
    const items = matches.flatMap((m) => [
      ...m.statement.map((s, i) => ({ match: m.id, no: i + 1, s, u: null as string | null, v: null as string | null, n: null as number | null })),
      ...m.book.map((b, i) => ({ match: m.id, no: m.statement.length + i + 1, s: null, u: b.unionId, v: b.voucherId, n: b.lineNo })),
    ]);
    await em.query(
      `INSERT INTO bank_match_items (center_id, match_id, item_no, statement_line_id, union_id, voucher_id, line_no)
       SELECT $1, x.m, x.no, x.s, x.u, x.v, x.n FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[]) AS x(m, no, s, u, v, n)`,
      [centerId, items.map((i) => i.match), items.map((i) => i.no), items.map((i) => i.s), items.map((i) => i.u), items.map((i) => i.v), items.map((i) => i.n)],
    );
  }

  async find(em: EntityManager, centerId: string, bankAccountId: string, id: string, lock = false): Promise<MatchRecord | undefined> {
    const rows: MatchRecord[] = await em.query(
      `SELECT id, rule, confidence, status, created_by_name AS "createdByName", created_at AS "createdAt", decided_by_name AS "decidedByName", decided_at AS "decidedAt"
         FROM bank_matches WHERE center_id = $1 AND bank_account_id = $2 AND id = $3 ${lock ? 'FOR UPDATE' : ''}`,
      [centerId, bankAccountId, id],
    );
    return rows[0];
  }

  async decide(em: EntityManager, centerId: string, id: string, status: 'confirmed' | 'rejected' | 'undone', actor: { id: string | null; name: string }): Promise<void> {
    await em.query(`UPDATE bank_matches SET status = $3, decided_by = $4, decided_by_name = $5, decided_at = now() WHERE center_id = $1 AND id = $2`, [centerId, id, status, actor.id, actor.name]);
    if (status !== 'confirmed') await em.query(`UPDATE bank_match_items SET live = false WHERE center_id = $1 AND match_id = $2 AND live`, [centerId, id]);
  }

  async list(em: EntityManager, centerId: string, bankAccountId: string, status: string | undefined, page: number, pageSize: number): Promise<{ items: MatchRecord[]; total: number }> {
    const where = `center_id = $1 AND bank_account_id = $2 AND ($3::varchar IS NULL OR status = $3)`;
    const items: MatchRecord[] = await em.query(
      `SELECT id, rule, confidence, status, created_by_name AS "createdByName", created_at AS "createdAt", decided_by_name AS "decidedByName", decided_at AS "decidedAt"
         FROM bank_matches WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5`,
      [centerId, bankAccountId, status ?? null, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM bank_matches WHERE ${where}`, [centerId, bankAccountId, status ?? null]);
    return { items, total };
  }

  /** The lines of some matches, by match. */
  async items(em: EntityManager, centerId: string, matchIds: string[]): Promise<Map<string, { statement: StatementSideLine[]; book: BookLine[] }>> {
    const out = new Map<string, { statement: StatementSideLine[]; book: BookLine[] }>(matchIds.map((id) => [id, { statement: [], book: [] }]));
    if (matchIds.length === 0) return out;
    const s: (Raw<StatementSideLine> & { matchId: string })[] = await em.query(
      `SELECT i.match_id AS "matchId", x.* FROM bank_match_items i
         JOIN LATERAL (${STATEMENT_SELECT} WHERE l.center_id = i.center_id AND l.id = i.statement_line_id) x ON true
        WHERE i.center_id = $1 AND i.match_id = ANY($2::uuid[]) ORDER BY i.match_id, i.item_no`,
      [centerId, matchIds],
    );
    const b: (Raw<BookLine> & { matchId: string })[] = await em.query(
      `SELECT i.match_id AS "matchId", x.* FROM bank_match_items i
         JOIN LATERAL (${BOOK_SELECT} WHERE vl.union_id = i.union_id AND vl.voucher_id = i.voucher_id AND vl.line_no = i.line_no AND s.center_id = i.center_id) x ON true
        WHERE i.center_id = $1 AND i.match_id = ANY($2::uuid[]) ORDER BY i.match_id, i.item_no`,
      [centerId, matchIds],
    );
    for (const r of s) out.get(r.matchId)!.statement.push(withAmount<StatementSideLine>(r));
    for (const r of b) out.get(r.matchId)!.book.push(withAmount<BookLine>(r));
    return out;
  }
}
