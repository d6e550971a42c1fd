import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Page } from '../common/http/pagination.dto';
import { VoucherType } from '../ledger/domain/voucher-type';
import { ClaimKind, DocumentKind, Occasion } from './domain/claim-kinds';
import { ClaimStatus, LIVE_STATUSES } from './domain/claim.rules';

export interface ClaimHeader {
  unionId: string;
  id: string;
  number: string;
  status: ClaimStatus;
  kind: ClaimKind;
  occasion: Occasion | null;
  purpose: string;
  eventDate: string;
  expenseAccount: string;
  fundType: 'restricted' | 'unrestricted';
  projectCode: string | null;
  amount: Decimal;
  payeeKind: 'bank' | 'cash';
  payeeName: string;
  payeeBank: string | null;
  payeeAccount: string | null;
  committeeDate: string | null;
  committeeRef: string | null;
  createdBy: string | null;
  createdByName: string;
  submittedBy: string | null;
  approvedBy: string | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  /** 复核: who reviewed the payment voucher. */
  checkedBy: string | null;
  paidBy: string | null;
  reservationId: string | null;
  /** The payment voucher, from review on: a draft until posted (under the same id). */
  paymentVoucherId: string | null;
  /** The same voucher once posted (the claim is then `posted`). */
  voucherId: string | null;
  paymentDate: string | null;
  paymentRef: string | null;
  paidAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimLineRow {
  lineNo: number;
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
}

export interface BeneficiaryRow {
  member: string;
  name: string;
  share: Decimal;
}

export interface ClaimEventRow {
  seq: number;
  action: string;
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus;
  actorId: string | null;
  actorName: string;
  comment: string | null;
  details: Record<string, unknown> | null;
  at: Date;
}

/** Columns a command may set on the header; the rest are fixed at creation. */
export type ClaimPatch = Partial<
  Omit<ClaimHeader, 'unionId' | 'id' | 'number' | 'createdBy' | 'createdByName' | 'version' | 'createdAt' | 'updatedAt'>
>;

const COLUMNS: Record<keyof ClaimPatch, string> = {
  status: 'status',
  kind: 'kind',
  occasion: 'occasion',
  purpose: 'purpose',
  eventDate: 'event_date',
  expenseAccount: 'expense_account',
  fundType: 'fund_type',
  projectCode: 'project_code',
  amount: 'amount',
  payeeKind: 'payee_kind',
  payeeName: 'payee_name',
  payeeBank: 'payee_bank',
  payeeAccount: 'payee_account',
  committeeDate: 'committee_date',
  committeeRef: 'committee_ref',
  submittedBy: 'submitted_by',
  approvedBy: 'approved_by',
  reviewedBy: 'reviewed_by',
  reviewedByName: 'reviewed_by_name',
  checkedBy: 'checked_by',
  paidBy: 'paid_by',
  reservationId: 'reservation_id',
  paymentVoucherId: 'payment_voucher_id',
  voucherId: 'voucher_id',
  paymentDate: 'payment_date',
  paymentRef: 'payment_ref',
  paidAt: 'paid_at',
};

const SELECT_HEADER = `SELECT c.union_id AS "unionId", c.id, c.number, c.status, c.kind, c.occasion, c.purpose,
    to_char(c.event_date, 'YYYY-MM-DD') AS "eventDate", c.expense_account AS "expenseAccount", c.fund_type AS "fundType",
    c.project_code AS "projectCode", c.amount, c.payee_kind AS "payeeKind", c.payee_name AS "payeeName",
    c.payee_bank AS "payeeBank", c.payee_account AS "payeeAccount", to_char(c.committee_date, 'YYYY-MM-DD') AS "committeeDate",
    c.committee_ref AS "committeeRef", c.created_by AS "createdBy", c.created_by_name AS "createdByName",
    c.submitted_by AS "submittedBy", c.approved_by AS "approvedBy", c.reviewed_by AS "reviewedBy",
    c.reviewed_by_name AS "reviewedByName", c.checked_by AS "checkedBy", c.paid_by AS "paidBy", c.reservation_id AS "reservationId",
    c.payment_voucher_id AS "paymentVoucherId", c.voucher_id AS "voucherId", to_char(c.payment_date, 'YYYY-MM-DD') AS "paymentDate", c.payment_ref AS "paymentRef",
    c.paid_at AS "paidAt", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
  FROM claims c`;

/** Claims of one union: headers, lines, beneficiaries and history. Every method names the union first. */
@Injectable()
export class ClaimsRepository {
  /** BX-2026-0001: numbered per union and year when first saved; a cancelled claim keeps its number. */
  async nextNumber(em: EntityManager, unionId: string, year: number): Promise<string> {
    const [{ last }]: { last: number }[] = await em.query(
      `INSERT INTO claim_sequences (union_id, year, last) VALUES ($1, $2, 1)
         ON CONFLICT (union_id, year) DO UPDATE SET last = claim_sequences.last + 1 RETURNING last`,
      [unionId, year],
    );
    return `BX-${year}-${String(last).padStart(4, '0')}`;
  }

  async insert(em: EntityManager, unionId: string, claim: Omit<ClaimHeader, 'unionId' | 'version' | 'createdAt' | 'updatedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO claims (union_id, id, number, status, kind, occasion, purpose, event_date, expense_account, fund_type,
          project_code, amount, payee_kind, payee_name, payee_bank, payee_account, committee_date, committee_ref,
          created_by, created_by_name)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        unionId, claim.id, claim.number, claim.status, claim.kind, claim.occasion, claim.purpose, claim.eventDate,
        claim.expenseAccount, claim.fundType, claim.projectCode, claim.amount.toFixed(2), claim.payeeKind, claim.payeeName,
        claim.payeeBank, claim.payeeAccount, claim.committeeDate, claim.committeeRef, claim.createdBy, claim.createdByName,
      ],
    );
  }

  async update(em: EntityManager, unionId: string, id: string, patch: ClaimPatch): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof ClaimPatch, unknown][];
    const sets = entries.map(([k], i) => `${COLUMNS[k]} = $${i + 3}`);
    const values = entries.map(([, v]) => (v instanceof Decimal ? v.toFixed(2) : v));
    await em.query(
      `UPDATE claims SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE union_id = $1 AND id = $2`,
      [unionId, id, ...values],
    );
  }

  /** Lines and beneficiaries as a whole: a draft's are replaced on every save. */
  async replaceDetails(em: EntityManager, unionId: string, id: string, lines: Omit<ClaimLineRow, 'lineNo'>[], people: BeneficiaryRow[]): Promise<void> {
    await em.query(`DELETE FROM claim_lines WHERE union_id = $1 AND claim_id = $2`, [unionId, id]);
    await em.query(`DELETE FROM claim_beneficiaries WHERE union_id = $1 AND claim_id = $2`, [unionId, id]);
    await em.query(
      `INSERT INTO claim_lines (union_id, claim_id, line_no, description, quantity, unit_price, amount)
        SELECT $1, $2, l.n, l.d, l.q, l.p, l.a
          FROM unnest($3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) WITH ORDINALITY AS l(d, q, p, a, n)`,
      [unionId, id, lines.map((l) => l.description), lines.map((l) => l.quantity.toString()), lines.map((l) => l.unitPrice.toFixed(2)), lines.map((l) => l.amount.toFixed(2))],
    );
    if (people.length === 0) return;
    await em.query(
      `INSERT INTO claim_beneficiaries (union_id, claim_id, line_no, member, name, share)
        SELECT $1, $2, b.n, b.m, b.nm, b.s FROM unnest($3::text[], $4::text[], $5::numeric[]) WITH ORDINALITY AS b(m, nm, s, n)`,
      [unionId, id, people.map((p) => p.member), people.map((p) => p.name), people.map((p) => p.share.toFixed(2))],
    );
  }

  async find(em: EntityManager, unionId: string, id: string, opts: { lock?: boolean } = {}): Promise<ClaimHeader | null> {
    const rows: ClaimHeader[] = await em.query(`${SELECT_HEADER} WHERE c.union_id = $1 AND c.id = $2${opts.lock ? ' FOR UPDATE' : ''}`, [unionId, id]);
    return rows[0] ? header(rows[0]) : null;
  }

  async lines(em: EntityManager, unionId: string, id: string): Promise<ClaimLineRow[]> {
    const rows: Record<string, string | number>[] = await em.query(
      `SELECT line_no AS "lineNo", description, quantity, unit_price AS "unitPrice", amount FROM claim_lines
        WHERE union_id = $1 AND claim_id = $2 ORDER BY line_no`,
      [unionId, id],
    );
    return rows.map((r) => ({
      lineNo: Number(r.lineNo),
      description: String(r.description),
      quantity: new Decimal(r.quantity),
      unitPrice: new Decimal(r.unitPrice),
      amount: new Decimal(r.amount),
    }));
  }

  async beneficiaries(em: EntityManager, unionId: string, id: string): Promise<BeneficiaryRow[]> {
    const rows: { member: string; name: string; share: string }[] = await em.query(
      `SELECT member, name, share FROM claim_beneficiaries WHERE union_id = $1 AND claim_id = $2 ORDER BY line_no`,
      [unionId, id],
    );
    return rows.map((r) => ({ member: r.member, name: r.name, share: new Decimal(r.share) }));
  }

  async events(em: EntityManager, unionId: string, id: string): Promise<ClaimEventRow[]> {
    return em.query(
      `SELECT seq, action, from_status AS "fromStatus", to_status AS "toStatus", actor_id AS "actorId", actor_name AS "actorName",
              comment, details, at FROM claim_events WHERE union_id = $1 AND claim_id = $2 ORDER BY seq`,
      [unionId, id],
    );
  }

  /** Appends to the claim's history; the caller holds the claim's row lock, so seq is free of races. */
  async addEvent(em: EntityManager, unionId: string, claimId: string, e: Omit<ClaimEventRow, 'seq' | 'at'>): Promise<void> {
    await em.query(
      `INSERT INTO claim_events (union_id, claim_id, seq, action, from_status, to_status, actor_id, actor_name, comment, details)
        SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6, $7, $8, $9 FROM claim_events WHERE union_id = $1 AND claim_id = $2`,
      [unionId, claimId, e.action, e.fromStatus, e.toStatus, e.actorId, e.actorName, e.comment, e.details ? JSON.stringify(e.details) : null],
    );
  }

  async list(em: EntityManager, unionId: string, f: { status?: ClaimStatus; q?: string; page: number; pageSize: number }): Promise<Page<ClaimHeader>> {
    const where = [`c.union_id = $1`, `($2::varchar IS NULL OR c.status = $2)`, `($3::text IS NULL OR c.purpose ILIKE $3 OR c.number ILIKE $3 OR c.payee_name ILIKE $3)`];
    const q = f.q ? `%${f.q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const rows: (ClaimHeader & { total: string })[] = await em.query(
      `${SELECT_HEADER.replace('SELECT ', 'SELECT count(*) OVER () AS total, ')} WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $4 OFFSET $5`,
      [unionId, f.status ?? null, q, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items: rows.map(header), total: Number(rows[0]?.total ?? 0), page: f.page, pageSize: f.pageSize };
  }

  /**
   * What each of these members already has of a kind (and occasion) in a calendar year, from the union's
   * other live claims: the figures a member-year cap adds this claim to.
   */
  async yearToDate(
    em: EntityManager,
    unionId: string,
    q: { kind: ClaimKind; occasion: Occasion | null; year: number; members: string[]; excludeClaimId: string },
  ): Promise<Map<string, Decimal>> {
    const rows: { member: string; total: string }[] = await em.query(
      `SELECT b.member, sum(b.share) AS total
         FROM claim_beneficiaries b JOIN claims c ON c.union_id = b.union_id AND c.id = b.claim_id
        WHERE b.union_id = $1 AND b.member = ANY($2::varchar[]) AND c.kind = $3 AND ($4::varchar IS NULL OR c.occasion = $4)
          AND c.status = ANY($5::varchar[]) AND c.event_date >= make_date($6, 1, 1) AND c.event_date < make_date($6 + 1, 1, 1)
          AND c.id <> $7
        GROUP BY b.member`,
      [unionId, q.members, q.kind, q.occasion, LIVE_STATUSES, q.year, q.excludeClaimId],
    );
    return new Map(rows.map((r) => [r.member, new Decimal(r.total)]));
  }

  /** The payment voucher as printed (付-202609-0003) once posted; a draft has no number yet. */
  async voucherRef(em: EntityManager, unionId: string, voucherId: string): Promise<{ type: VoucherType; period: number; number: number | null } | null> {
    const rows: { type: VoucherType; period: number; number: number | null }[] = await em.query(
      `SELECT voucher_type AS type, period, number FROM vouchers WHERE union_id = $1 AND id = $2
       UNION ALL SELECT voucher_type, period, NULL FROM voucher_drafts WHERE union_id = $1 AND id = $2`,
      [unionId, voucherId],
    );
    return rows[0] ?? null;
  }

  /** The lines of the claim that enter 固定资产, as decided when its payment voucher was prepared. */
  async saveFixedAssets(em: EntityManager, unionId: string, claimId: string, items: { lineNo: number; category: string; amount: Decimal }[]): Promise<void> {
    if (items.length === 0) return;
    await em.query(
      `INSERT INTO claim_fixed_assets (union_id, claim_id, line_no, category, amount)
       SELECT $1, $2, x.n, x.c, x.a FROM unnest($3::int[], $4::varchar[], $5::numeric[]) AS x(n, c, a)`,
      [unionId, claimId, items.map((i) => i.lineNo), items.map((i) => i.category), items.map((i) => i.amount.toFixed(2))],
    );
  }

  async fixedAssets(em: EntityManager, unionId: string, claimId: string): Promise<{ lineNo: number; category: string; amount: Decimal }[]> {
    const rows: { lineNo: number; category: string; amount: string }[] = await em.query(
      `SELECT line_no AS "lineNo", category, amount FROM claim_fixed_assets WHERE union_id = $1 AND claim_id = $2 ORDER BY line_no`,
      [unionId, claimId],
    );
    return rows.map((r) => ({ lineNo: Number(r.lineNo), category: r.category, amount: new Decimal(r.amount) }));
  }

  /** A returned or cancelled claim's decision goes with its payment voucher; review decides again. */
  async clearFixedAssets(em: EntityManager, unionId: string, claimId: string): Promise<void> {
    await em.query(`DELETE FROM claim_fixed_assets WHERE union_id = $1 AND claim_id = $2`, [unionId, claimId]);
  }

  /** Serializes the rule checks of one union's claims (caps count across its claims). */
  async lockRules(em: EntityManager, unionId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('claims:' || $1::text, 0))`, [unionId]);
  }

  async documentKinds(em: EntityManager, unionId: string, claimId: string): Promise<DocumentKind[]> {
    const rows: { kind: DocumentKind }[] = await em.query(`SELECT DISTINCT kind FROM claim_attachments WHERE union_id = $1 AND claim_id = $2`, [unionId, claimId]);
    return rows.map((r) => r.kind);
  }
}

function header(row: ClaimHeader): ClaimHeader {
  return { ...row, amount: new Decimal(row.amount as unknown as string), version: Number(row.version) };
}
