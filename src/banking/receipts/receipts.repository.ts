import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/http/pagination.dto';
import { FundType } from '../../ledger/domain/account-rules';
import { ReceiptKind } from '../domain/receipt.rules';

export type ReceiptStatus = 'recorded' | 'posted' | 'cancelled';

export interface Receipt {
  unionId: string;
  id: string;
  number: string;
  kind: ReceiptKind;
  amount: Decimal;
  date: string;
  payer: string;
  bankReference: string | null;
  shareAccount: string;
  creditAccount: string;
  fundType: FundType | null;
  projectCode: string | null;
  memo: string | null;
  duesPeriod: number | null;
  duesMembers: number | null;
  duesRollId: string | null;
  batchId: string | null;
  voucherId: string;
  recordedBy: string | null;
  recordedByName: string;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
  /** Derived: posted when its voucher is, cancelled when its draft is gone unposted. */
  status: ReceiptStatus;
  voucherNumber: { type: string; period: number; number: number } | null;
}

export type NewReceipt = Omit<Receipt, 'cancelledAt' | 'cancelReason' | 'createdAt' | 'status' | 'voucherNumber'>;

export interface ReceiptFilter {
  from?: string;
  to?: string;
  kind?: ReceiptKind;
  status?: ReceiptStatus;
  page: number;
  pageSize: number;
}

const COLUMNS = `
  r.union_id AS "unionId", r.id, r.number, r.kind, r.amount, to_char(r.received_on, 'YYYY-MM-DD') AS date, r.payer,
  r.bank_reference AS "bankReference", r.share_account AS "shareAccount", r.credit_account AS "creditAccount",
  r.fund_type AS "fundType", r.project_code AS "projectCode", r.memo, r.dues_period AS "duesPeriod",
  r.dues_members AS "duesMembers", r.dues_roll_id AS "duesRollId", r.batch_id AS "batchId", r.voucher_id AS "voucherId",
  r.recorded_by AS "recordedBy", r.recorded_by_name AS "recordedByName", r.cancelled_at AS "cancelledAt",
  r.cancel_reason AS "cancelReason", r.created_at AS "createdAt",
  CASE WHEN v.id IS NOT NULL THEN 'posted' WHEN d.id IS NOT NULL THEN 'recorded' ELSE 'cancelled' END AS status,
  CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('type', v.voucher_type, 'period', v.period, 'number', v.number) END AS "voucherNumber"`;
const FROM = `
  FROM receipts r
  LEFT JOIN vouchers v ON v.union_id = r.union_id AND v.id = r.voucher_id
  LEFT JOIN voucher_drafts d ON d.union_id = r.union_id AND d.id = r.voucher_id`;

type Row = Omit<Receipt, 'amount'> & { amount: string };
const toReceipt = (r: Row): Receipt => ({ ...r, amount: new Decimal(r.amount) });

/** 收款单 (receipts) and their documents; status is read from the voucher they prepared. */
@Injectable()
export class ReceiptsRepository {
  /** SK-2026-0001: per union and year of receipt; a cancelled receipt keeps its number. */
  async nextNumber(em: EntityManager, unionId: string, year: number): Promise<string> {
    const [{ last }]: { last: number }[] = await em.query(
      `INSERT INTO receipt_sequences (union_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (union_id, year) DO UPDATE SET last = receipt_sequences.last + 1 RETURNING last`,
      [unionId, year],
    );
    return `SK-${year}-${String(last).padStart(4, '0')}`;
  }

  /** Receipts of one statement, in the order given (one allocation batch, or one receipt). */
  async insert(em: EntityManager, rows: NewReceipt[]): Promise<void> {
    const cols = (pick: (r: NewReceipt) => unknown) => rows.map(pick);
    await em.query(
      `INSERT INTO receipts (union_id, id, number, kind, amount, received_on, payer, bank_reference, share_account, credit_account,
                             fund_type, project_code, memo, dues_period, dues_members, dues_roll_id, batch_id, voucher_id,
                             recorded_by, recorded_by_name)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::numeric[], $6::date[], $7::varchar[], $8::varchar[],
                            $9::varchar[], $10::varchar[], $11::varchar[], $12::varchar[], $13::varchar[], $14::int[], $15::int[],
                            $16::uuid[], $17::uuid[], $18::uuid[], $19::uuid[], $20::varchar[])`,
      [
        cols((r) => r.unionId), cols((r) => r.id), cols((r) => r.number), cols((r) => r.kind), cols((r) => r.amount.toFixed(2)),
        cols((r) => r.date), cols((r) => r.payer), cols((r) => r.bankReference), cols((r) => r.shareAccount), cols((r) => r.creditAccount),
        cols((r) => r.fundType), cols((r) => r.projectCode), cols((r) => r.memo), cols((r) => r.duesPeriod), cols((r) => r.duesMembers),
        cols((r) => r.duesRollId), cols((r) => r.batchId), cols((r) => r.voucherId), cols((r) => r.recordedBy), cols((r) => r.recordedByName),
      ],
    );
  }

  async find(em: EntityManager, unionId: string, id: string, opts: { lock?: boolean } = {}): Promise<Receipt | undefined> {
    if (opts.lock) await em.query(`SELECT 1 FROM receipts WHERE union_id = $1 AND id = $2 FOR UPDATE`, [unionId, id]);
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} ${FROM} WHERE r.union_id = $1 AND r.id = $2`, [unionId, id]);
    return rows[0] && toReceipt(rows[0]);
  }

  async list(em: EntityManager, unionId: string, f: ReceiptFilter): Promise<Page<Receipt>> {
    const params: unknown[] = [unionId];
    const where = ['r.union_id = $1'];
    const bind = (v: unknown) => `$${params.push(v)}`;
    if (f.from) where.push(`r.received_on >= ${bind(f.from)}`);
    if (f.to) where.push(`r.received_on <= ${bind(f.to)}`);
    if (f.kind) where.push(`r.kind = ${bind(f.kind)}`);
    const filtered = `SELECT ${COLUMNS} ${FROM} WHERE ${where.join(' AND ')}`;
    const outer = f.status ? `WHERE x.status = ${bind(f.status)}` : '';
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM (${filtered}) x ${outer}`, params);
    const rows: Row[] = await em.query(
      `SELECT * FROM (${filtered}) x ${outer} ORDER BY x.date DESC, x.number DESC LIMIT ${bind(f.pageSize)} OFFSET ${bind((f.page - 1) * f.pageSize)}`,
      params,
    );
    return { items: rows.map(toReceipt), total: n, page: f.page, pageSize: f.pageSize };
  }

  async cancel(em: EntityManager, unionId: string, id: string, by: string | null, reason: string): Promise<void> {
    await em.query(`UPDATE receipts SET cancelled_at = now(), cancelled_by = $3, cancel_reason = $4 WHERE union_id = $1 AND id = $2`, [
      unionId,
      id,
      by,
      reason,
    ]);
  }

  /** The union's share of the pooled account named, or its default share; undefined when it has none there. */
  async shareFor(em: EntityManager, unionId: string, bankAccountId: string | undefined): Promise<string | undefined> {
    const rows: { account: string }[] = await em.query(
      `SELECT account_code AS account FROM bank_account_shares
        WHERE union_id = $1 AND (CASE WHEN $2::uuid IS NULL THEN is_default ELSE bank_account_id = $2::uuid END)`,
      [unionId, bankAccountId ?? null],
    );
    return rows[0]?.account;
  }
}
