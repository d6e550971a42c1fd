import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { StatementLineInput, StatementMapping } from '../domain/statement.rules';

export interface StatementFormat {
  id: string;
  bankName: string;
  name: string;
  columns: StatementMapping;
}

export interface StatementImport {
  id: string;
  bankAccountId: string;
  fileName: string;
  fileSha256: string;
  fileFormat: string;
  formatId: string | null;
  lineCount: number;
  newLines: number;
  firstDate: string;
  lastDate: string;
  importedByName: string;
  importedAt: Date;
}

/** A line as kept: the file's line without its row number, with its place in the account's statement. */
export interface StoredStatementLine extends Omit<StatementLineInput, 'row'> {
  id: string;
  seq: number;
  statementId: string;
}

const IMPORT_COLUMNS = `
  id, bank_account_id AS "bankAccountId", file_name AS "fileName", file_sha256 AS "fileSha256", file_format AS "fileFormat",
  format_id AS "formatId", line_count AS "lineCount", new_lines AS "newLines", to_char(first_date, 'YYYY-MM-DD') AS "firstDate",
  to_char(last_date, 'YYYY-MM-DD') AS "lastDate", imported_by_name AS "importedByName", imported_at AS "importedAt"`;

export const LINE_COLUMNS = `
  l.id, l.seq, l.statement_id AS "statementId", to_char(l.txn_date, 'YYYY-MM-DD') AS date, l.amount_in AS "amountIn",
  l.amount_out AS "amountOut", l.balance, l.counterpart_name AS "counterpartName", l.counterpart_account AS "counterpartAccount",
  l.reference, l.summary`;

type LineRow = Omit<StoredStatementLine, 'amountIn' | 'amountOut' | 'balance'> & { amountIn: string; amountOut: string; balance: string };
export const toLine = (r: LineRow): StoredStatementLine => ({
  ...r,
  amountIn: new Decimal(r.amountIn),
  amountOut: new Decimal(r.amountOut),
  balance: new Decimal(r.balance),
});

/** A pooled account's imported statements and their lines (center level, append-only), and saved column mappings. */
@Injectable()
export class StatementsRepository {
  async formats(em: EntityManager, centerId: string): Promise<StatementFormat[]> {
    return em.query(`SELECT id, bank_name AS "bankName", name, columns FROM bank_statement_formats WHERE center_id = $1 ORDER BY bank_name, name`, [centerId]);
  }

  async format(em: EntityManager, centerId: string, id: string): Promise<StatementFormat | undefined> {
    const rows: StatementFormat[] = await em.query(
      `SELECT id, bank_name AS "bankName", name, columns FROM bank_statement_formats WHERE center_id = $1 AND id = $2`,
      [centerId, id],
    );
    return rows[0];
  }

  async saveFormat(em: EntityManager, centerId: string, f: StatementFormat): Promise<void> {
    await em.query(
      `INSERT INTO bank_statement_formats (center_id, id, bank_name, name, columns) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (center_id, id) DO UPDATE SET bank_name = $3, name = $4, columns = $5, updated_at = now()`,
      [centerId, f.id, f.bankName, f.name, JSON.stringify(f.columns)],
    );
  }

  /** Serialises imports (and matching) of one pooled account. */
  async lockAccount(em: EntityManager, centerId: string, bankAccountId: string): Promise<void> {
    await em.query(`SELECT 1 FROM bank_accounts WHERE center_id = $1 AND id = $2 FOR UPDATE`, [centerId, bankAccountId]);
  }

  /** The last line imported (the running balance a new file continues from). */
  async lastLine(em: EntityManager, centerId: string, bankAccountId: string): Promise<StoredStatementLine | undefined> {
    const rows: LineRow[] = await em.query(
      `SELECT ${LINE_COLUMNS} FROM bank_statement_lines l WHERE l.center_id = $1 AND l.bank_account_id = $2 ORDER BY l.seq DESC LIMIT 1`,
      [centerId, bankAccountId],
    );
    return rows[0] && toLine(rows[0]);
  }

  /** The lines already imported between two dates, in the bank's order. */
  async linesBetween(em: EntityManager, centerId: string, bankAccountId: string, from: string, to: string): Promise<StoredStatementLine[]> {
    const rows: LineRow[] = await em.query(
      `SELECT ${LINE_COLUMNS} FROM bank_statement_lines l
        WHERE l.center_id = $1 AND l.bank_account_id = $2 AND l.txn_date BETWEEN $3 AND $4 ORDER BY l.seq`,
      [centerId, bankAccountId, from, to],
    );
    return rows.map(toLine);
  }

  async insert(
    em: EntityManager,
    centerId: string,
    s: Omit<StatementImport, 'importedAt'> & { importedBy: string | null },
    lines: StatementLineInput[],
    ids: string[],
    firstSeq: number,
  ): Promise<void> {
    await em.query(
      `INSERT INTO bank_statements (center_id, id, bank_account_id, file_name, file_sha256, file_format, format_id, line_count, new_lines,
                                    first_date, last_date, imported_by, imported_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [centerId, s.id, s.bankAccountId, s.fileName, s.fileSha256, s.fileFormat, s.formatId, s.lineCount, s.newLines, s.firstDate, s.lastDate, s.importedBy, s.importedByName],
    );
    if (lines.length === 0) return;
    await em.query(
      `INSERT INTO bank_statement_lines (center_id, bank_account_id, id, seq, statement_id, row_no, txn_date, amount_in, amount_out, balance,
                                         counterpart_name, counterpart_account, reference, summary)
       SELECT $1, $2, x.id, $4 + x.ord - 1, $3, x.row_no, x.d, x.a_in, x.a_out, x.bal, x.cn, x.ca, x.ref, x.summary
         FROM unnest($5::uuid[], $6::int[], $7::date[], $8::numeric[], $9::numeric[], $10::numeric[], $11::varchar[], $12::varchar[], $13::varchar[], $14::varchar[])
              WITH ORDINALITY AS x(id, row_no, d, a_in, a_out, bal, cn, ca, ref, summary, ord)`,
      [
        centerId,
        s.bankAccountId,
        s.id,
        firstSeq,
        ids,
        lines.map((l) => l.row),
        lines.map((l) => l.date),
        lines.map((l) => l.amountIn.toFixed(2)),
        lines.map((l) => l.amountOut.toFixed(2)),
        lines.map((l) => l.balance.toFixed(2)),
        lines.map((l) => l.counterpartName),
        lines.map((l) => l.counterpartAccount),
        lines.map((l) => l.reference),
        lines.map((l) => l.summary),
      ],
    );
  }

  async find(em: EntityManager, centerId: string, bankAccountId: string, id: string): Promise<StatementImport | undefined> {
    const rows: StatementImport[] = await em.query(
      `SELECT ${IMPORT_COLUMNS} FROM bank_statements WHERE center_id = $1 AND bank_account_id = $2 AND id = $3`,
      [centerId, bankAccountId, id],
    );
    return rows[0];
  }

  async list(em: EntityManager, centerId: string, bankAccountId: string, page: number, pageSize: number): Promise<{ items: StatementImport[]; total: number }> {
    const items: StatementImport[] = await em.query(
      `SELECT ${IMPORT_COLUMNS} FROM bank_statements WHERE center_id = $1 AND bank_account_id = $2
        ORDER BY imported_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [centerId, bankAccountId, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM bank_statements WHERE center_id = $1 AND bank_account_id = $2`, [centerId, bankAccountId]);
    return { items, total };
  }

  /** Lines in the bank's order, optionally only those in no live match, with the match they are in. */
  async lines(
    em: EntityManager,
    centerId: string,
    bankAccountId: string,
    q: { from?: string; to?: string; unmatched?: boolean; page: number; pageSize: number },
  ): Promise<{ items: (StoredStatementLine & { matchId: string | null })[]; total: number }> {
    const where = `l.center_id = $1 AND l.bank_account_id = $2 AND ($3::date IS NULL OR l.txn_date >= $3) AND ($4::date IS NULL OR l.txn_date <= $4)
                   AND (NOT $5 OR NOT EXISTS (SELECT 1 FROM bank_match_items i WHERE i.center_id = l.center_id AND i.statement_line_id = l.id AND i.live))`;
    const args = [centerId, bankAccountId, q.from ?? null, q.to ?? null, q.unmatched ?? false];
    const rows: (LineRow & { matchId: string | null })[] = await em.query(
      `SELECT ${LINE_COLUMNS},
              (SELECT i.match_id FROM bank_match_items i WHERE i.center_id = l.center_id AND i.statement_line_id = l.id AND i.live) AS "matchId"
         FROM bank_statement_lines l WHERE ${where} ORDER BY l.seq LIMIT $6 OFFSET $7`,
      [...args, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ total }] = await em.query(`SELECT count(*)::int AS total FROM bank_statement_lines l WHERE ${where}`, args);
    return { items: rows.map((r) => ({ ...toLine(r), matchId: r.matchId })), total };
  }

  /** The running balance at the end of a date: the last line on or before it. */
  async balanceAt(em: EntityManager, centerId: string, bankAccountId: string, date: string): Promise<{ date: string; balance: Decimal } | null> {
    const rows: { date: string; balance: string }[] = await em.query(
      `SELECT to_char(txn_date, 'YYYY-MM-DD') AS date, balance FROM bank_statement_lines
        WHERE center_id = $1 AND bank_account_id = $2 AND txn_date <= $3 ORDER BY seq DESC LIMIT 1`,
      [centerId, bankAccountId, date],
    );
    return rows[0] ? { date: rows[0].date, balance: new Decimal(rows[0].balance) } : null;
  }

  async hasLines(em: EntityManager, centerId: string, bankAccountId: string): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM bank_statement_lines WHERE center_id = $1 AND bank_account_id = $2 LIMIT 1`, [centerId, bankAccountId]);
    return rows.length > 0;
  }
}
