import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AllocationKind, AllocationRow, UnionForRow } from '../domain/allocation.rules';

export interface AllocationBatch {
  centerId: string;
  id: string;
  number: string;
  bankAccountId: string;
  creditDate: string;
  creditAmount: Decimal;
  creditReference: string;
  payer: string;
  fileName: string;
  fileSha256: string;
  fileFormat: string;
  rowCount: number;
  status: 'validated' | 'posted' | 'cancelled';
  uploadedBy: string | null;
  uploadedByName: string;
  uploadedAt: Date;
  postedByName: string | null;
  postedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface StoredAllocationRow {
  row: number;
  unionId: string;
  unionCode: string;
  unionName: string;
  kind: AllocationKind;
  fundType: 'unrestricted' | 'restricted';
  projectCode: string | null;
  amount: Decimal;
  memo: string | null;
}

const COLUMNS = `
  center_id AS "centerId", id, number, bank_account_id AS "bankAccountId", to_char(credit_date, 'YYYY-MM-DD') AS "creditDate",
  credit_amount AS "creditAmount", credit_reference AS "creditReference", payer, file_name AS "fileName", file_sha256 AS "fileSha256",
  file_format AS "fileFormat", row_count AS "rowCount", status, uploaded_by AS "uploadedBy", uploaded_by_name AS "uploadedByName",
  uploaded_at AS "uploadedAt", posted_by_name AS "postedByName", posted_at AS "postedAt", cancelled_at AS "cancelledAt", cancel_reason AS "cancelReason"`;
type Row = Omit<AllocationBatch, 'creditAmount'> & { creditAmount: string };
const toBatch = (r: Row): AllocationBatch => ({ ...r, creditAmount: new Decimal(r.creditAmount) });

/** Allocation batches (center level) and their rows. */
@Injectable()
export class AllocationsRepository {
  /** FP-2026-0001 per center and year of the bank credit. */
  async nextNumber(em: EntityManager, centerId: string, year: number): Promise<string> {
    const [{ last }]: { last: number }[] = await em.query(
      `INSERT INTO allocation_sequences (center_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (center_id, year) DO UPDATE SET last = allocation_sequences.last + 1 RETURNING last`,
      [centerId, year],
    );
    return `FP-${year}-${String(last).padStart(4, '0')}`;
  }

  /** The live batch (not cancelled) that already holds this file or this bank credit, if any. */
  async holder(em: EntityManager, centerId: string, sha256: string, bankAccountId: string, reference: string): Promise<{ number: string; sameFile: boolean } | undefined> {
    const rows: { number: string; sameFile: boolean }[] = await em.query(
      `SELECT number, file_sha256 = $2 AS "sameFile" FROM allocation_batches
        WHERE center_id = $1 AND status <> 'cancelled' AND (file_sha256 = $2 OR (bank_account_id = $3 AND credit_reference = $4))
        ORDER BY uploaded_at LIMIT 1`,
      [centerId, sha256, bankAccountId, reference],
    );
    return rows[0];
  }

  /** The center's unions named by these codes, with their share of the pooled account (if any). */
  async unionsByCode(em: EntityManager, centerId: string, bankAccountId: string, codes: string[]): Promise<Map<string, UnionForRow>> {
    const rows: (UnionForRow & { code: string })[] = await em.query(
      `SELECT u.code, u.id, u.name, u.status,
              (SELECT s.account_code FROM bank_account_shares s WHERE s.union_id = u.id AND s.bank_account_id = $2
                ORDER BY s.is_default DESC, s.account_code LIMIT 1) AS share
         FROM unions u WHERE u.center_id = $1 AND u.code = ANY($3::varchar[])`,
      [centerId, bankAccountId, codes],
    );
    return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name, status: r.status, share: r.share }]));
  }

  async insert(em: EntityManager, b: Omit<AllocationBatch, 'uploadedAt' | 'postedByName' | 'postedAt' | 'cancelledAt' | 'cancelReason' | 'status'>, rows: AllocationRow[]): Promise<void> {
    await em.query(
      `INSERT INTO allocation_batches (center_id, id, number, bank_account_id, credit_date, credit_amount, credit_reference, payer,
                                       file_name, file_sha256, file_format, row_count, uploaded_by, uploaded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [b.centerId, b.id, b.number, b.bankAccountId, b.creditDate, b.creditAmount.toFixed(2), b.creditReference, b.payer, b.fileName, b.fileSha256,
        b.fileFormat, b.rowCount, b.uploadedBy, b.uploadedByName],
    );
    await em.query(
      `INSERT INTO allocation_rows (center_id, batch_id, row_no, union_id, kind, fund_type, project_code, amount, memo)
       SELECT $1, $2, * FROM unnest($3::int[], $4::uuid[], $5::varchar[], $6::varchar[], $7::varchar[], $8::numeric[], $9::varchar[])`,
      [b.centerId, b.id, rows.map((r) => r.row), rows.map((r) => r.unionId), rows.map((r) => r.kind), rows.map((r) => r.fundType),
        rows.map((r) => r.projectCode), rows.map((r) => r.amount.toFixed(2)), rows.map((r) => r.memo)],
    );
  }

  async find(em: EntityManager, centerId: string, id: string, opts: { lock?: boolean } = {}): Promise<AllocationBatch | undefined> {
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} FROM allocation_batches WHERE center_id = $1 AND id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`, [centerId, id]);
    return rows[0] && toBatch(rows[0]);
  }

  async list(em: EntityManager, centerId: string, page: number, pageSize: number): Promise<{ items: AllocationBatch[]; total: number }> {
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM allocation_batches WHERE center_id = $1`, [centerId]);
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM allocation_batches WHERE center_id = $1 ORDER BY uploaded_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [centerId, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toBatch), total: n };
  }

  async rows(em: EntityManager, centerId: string, batchId: string): Promise<StoredAllocationRow[]> {
    const rows: (Omit<StoredAllocationRow, 'amount'> & { amount: string })[] = await em.query(
      `SELECT r.row_no AS row, r.union_id AS "unionId", u.code AS "unionCode", u.name AS "unionName", r.kind, r.fund_type AS "fundType",
              r.project_code AS "projectCode", r.amount, r.memo
         FROM allocation_rows r JOIN unions u ON u.id = r.union_id
        WHERE r.center_id = $1 AND r.batch_id = $2 ORDER BY r.row_no`,
      [centerId, batchId],
    );
    return rows.map((r) => ({ ...r, amount: new Decimal(r.amount) }));
  }

  async markPosted(em: EntityManager, centerId: string, id: string, by: { id: string | null; name: string }): Promise<void> {
    await em.query(
      `UPDATE allocation_batches SET status = 'posted', posted_by = $3, posted_by_name = $4, posted_at = now() WHERE center_id = $1 AND id = $2`,
      [centerId, id, by.id, by.name],
    );
  }

  async markCancelled(em: EntityManager, centerId: string, id: string, reason: string): Promise<void> {
    await em.query(`UPDATE allocation_batches SET status = 'cancelled', cancelled_at = now(), cancel_reason = $3 WHERE center_id = $1 AND id = $2`, [
      centerId,
      id,
      reason,
    ]);
  }

  /** Receipt numbers for many unions at once: `count` consecutive numbers of each union's year sequence. */
  async nextReceiptNumbers(em: EntityManager, year: number, counts: Map<string, number>): Promise<Map<string, string[]>> {
    const unions = [...counts.keys()].sort();
    const rows: { unionId: string; last: number }[] = await em.query(
      `INSERT INTO receipt_sequences (union_id, year, last)
       SELECT u, $1, n FROM unnest($2::uuid[], $3::int[]) AS x(u, n) ORDER BY u
       ON CONFLICT (union_id, year) DO UPDATE SET last = receipt_sequences.last + excluded.last
       RETURNING union_id AS "unionId", last`,
      [year, unions, unions.map((u) => counts.get(u)!)],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const n = counts.get(r.unionId)!;
      out.set(r.unionId, Array.from({ length: n }, (_, i) => `SK-${year}-${String(r.last - n + 1 + i).padStart(4, '0')}`));
    }
    return out;
  }
}
