import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/http/pagination.dto';
import { FundType } from '../domain/account-rules';
import { ValidVoucher } from '../domain/voucher.rules';
import { VoucherType } from '../domain/voucher-type';
import { VoucherSource, VoucherStatus } from './voucher.entity';

export interface VoucherHeader {
  id: string;
  date: string;
  period: number;
  type: VoucherType;
  status: VoucherStatus;
  number: number | null;
  red: boolean;
  attachmentCount: number;
  source: VoucherSource;
  preparer: string;
  postedBy: string | null;
  postedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Posting {
  number: number;
  postedAt: Date;
  updatedAt: Date;
}

export interface VoucherLink {
  id: string;
  type: VoucherType;
  period: number;
  number: number;
}

export interface StoredLine {
  lineNo: number;
  summary: string;
  accountCode: string;
  accountName: string;
  accountPath: string;
  debit: Decimal;
  credit: Decimal;
  projectCode: string | null;
  fundType: FundType | null;
}

export interface StoredVoucher extends VoucherHeader {
  lines: StoredLine[];
  reversalOf: VoucherLink | null;
  reversedBy: VoucherLink | null;
}

export interface VoucherListItem extends VoucherHeader {
  total: Decimal;
  summary: string;
}

export interface VoucherFilter {
  fromPeriod?: number;
  toPeriod?: number;
  status?: VoucherStatus;
  type?: VoucherType;
  number?: number;
  accountCode?: string;
  text?: string;
  page: number;
  pageSize: number;
}

const HEADER_COLUMNS = `
  v.id, v.voucher_date AS date, v.period, v.voucher_type AS type, v.status, v.number, v.red,
  v.attachment_count AS "attachmentCount", v.source, v.preparer, v.posted_by AS "postedBy",
  v.posted_at AS "postedAt", v.created_at AS "createdAt", v.updated_at AS "updatedAt"`;

@Injectable()
export class VouchersRepository {
  /** Header and lines in one statement; the guard trigger checks the period and keeps it a draft. */
  async insertDraft(
    em: EntityManager,
    unionId: string,
    id: string,
    v: ValidVoucher,
    meta: { source: VoucherSource; preparer: string },
  ): Promise<{ createdAt: Date }> {
    const rows: { createdAt: Date }[] = await em.query(
      `WITH v AS (
         INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, status, red, attachment_count, source, preparer)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9)
         RETURNING created_at),
       l AS (${insertLinesSql(10)})
       SELECT created_at AS "createdAt" FROM v`,
      [unionId, id, v.date, v.period, v.type, v.red, v.attachmentCount, meta.source, meta.preparer, ...lineParams(v)],
    );
    return rows[0];
  }

  /** Replaces a draft's header fields and lines (the caller holds the row lock). */
  async replaceDraft(em: EntityManager, unionId: string, id: string, v: ValidVoucher): Promise<void> {
    await em.query(`DELETE FROM voucher_lines WHERE union_id = $1 AND voucher_id = $2`, [unionId, id]);
    await em.query(
      `WITH v AS (
         UPDATE vouchers SET voucher_date = $3, period = $4, voucher_type = $5, red = $6, attachment_count = $7, updated_at = now()
          WHERE union_id = $1 AND id = $2 AND status = 'draft')
       ${insertLinesSql(8)}`,
      [unionId, id, v.date, v.period, v.type, v.red, v.attachmentCount, ...lineParams(v)],
    );
  }

  /** The draft → posted transition; the database assigns the number and applies the balances. */
  async markPosted(em: EntityManager, unionId: string, id: string, postedBy: string): Promise<Posting> {
    const [rows] = (await em.query(
      `UPDATE vouchers SET status = 'posted', posted_by = $3, updated_at = now()
        WHERE union_id = $1 AND id = $2 AND status = 'draft'
        RETURNING number, posted_at AS "postedAt", updated_at AS "updatedAt"`,
      [unionId, id, postedBy],
    )) as [Posting[], number];
    return rows[0];
  }

  async deleteDraft(em: EntityManager, unionId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM vouchers WHERE union_id = $1 AND id = $2 AND status = 'draft'`, [unionId, id]);
  }

  async linkReversal(em: EntityManager, unionId: string, originalId: string, reversalId: string): Promise<void> {
    await em.query(`INSERT INTO voucher_reversals (union_id, original_id, reversal_id) VALUES ($1, $2, $3)`, [
      unionId,
      originalId,
      reversalId,
    ]);
  }

  /** The header under a row lock: serializes edits, posting and reversal of one voucher. */
  async lockHeader(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader | undefined> {
    const rows: VoucherHeader[] = await em.query(
      `SELECT ${HEADER_COLUMNS} FROM vouchers v WHERE v.union_id = $1 AND v.id = $2 FOR UPDATE`,
      [unionId, id],
    );
    return rows[0];
  }

  async find(em: EntityManager, unionId: string, id: string): Promise<StoredVoucher | undefined> {
    const rows: (VoucherHeader & { reversalOf: VoucherLink | null; reversedBy: VoucherLink | null })[] = await em.query(
      `SELECT ${HEADER_COLUMNS},
              (SELECT json_build_object('id', o.id, 'type', o.voucher_type, 'period', o.period, 'number', o.number)
                 FROM voucher_reversals r JOIN vouchers o ON o.union_id = r.union_id AND o.id = r.original_id
                WHERE r.union_id = v.union_id AND r.reversal_id = v.id) AS "reversalOf",
              (SELECT json_build_object('id', x.id, 'type', x.voucher_type, 'period', x.period, 'number', x.number)
                 FROM voucher_reversals r JOIN vouchers x ON x.union_id = r.union_id AND x.id = r.reversal_id
                WHERE r.union_id = v.union_id AND r.original_id = v.id) AS "reversedBy"
         FROM vouchers v WHERE v.union_id = $1 AND v.id = $2`,
      [unionId, id],
    );
    if (!rows[0]) return undefined;
    return { ...rows[0], lines: await this.lines(em, unionId, id) };
  }

  async lines(em: EntityManager, unionId: string, id: string): Promise<StoredLine[]> {
    const rows: (Omit<StoredLine, 'debit' | 'credit'> & { debit: string; credit: string })[] = await em.query(
      `SELECT l.line_no AS "lineNo", l.summary, l.account_code AS "accountCode", a.name AS "accountName",
              (SELECT string_agg(p.name, '—' ORDER BY p.level) FROM accounts p
                WHERE p.union_id = l.union_id AND p.code = left(l.account_code, length(p.code))) AS "accountPath",
              l.debit, l.credit, l.project_code AS "projectCode", l.fund_type AS "fundType"
         FROM voucher_lines l JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
        WHERE l.union_id = $1 AND l.voucher_id = $2
        ORDER BY l.line_no`,
      [unionId, id],
    );
    return rows.map((r) => ({ ...r, debit: new Decimal(r.debit), credit: new Decimal(r.credit) }));
  }

  /** Whether the voucher is itself the red-ink reversal of another. */
  async isReversal(em: EntityManager, unionId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM voucher_reversals WHERE union_id = $1 AND reversal_id = $2`,
      [unionId, id],
    );
    return rows.length > 0;
  }

  async list(em: EntityManager, unionId: string, f: VoucherFilter): Promise<Page<VoucherListItem>> {
    const where = ['v.union_id = $1'];
    const params: unknown[] = [unionId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.fromPeriod !== undefined) add('v.period >= ?', f.fromPeriod);
    if (f.toPeriod !== undefined) add('v.period <= ?', f.toPeriod);
    if (f.status) add('v.status = ?', f.status);
    if (f.type) add('v.voucher_type = ?', f.type);
    if (f.number !== undefined) add('v.number = ?', f.number);
    if (f.accountCode) {
      add(
        `EXISTS (SELECT 1 FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id AND l.account_code LIKE ?)`,
        `${f.accountCode}%`,
      );
    }
    if (f.text) {
      add(
        `EXISTS (SELECT 1 FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id AND l.summary ILIKE ?)`,
        `%${f.text.replace(/[\\%_]/g, '\\$&')}%`,
      );
    }
    const filter = where.join(' AND ');
    const [{ count }]: { count: string }[] = await em.query(`SELECT count(*) AS count FROM vouchers v WHERE ${filter}`, params);
    const rows: (VoucherHeader & { total: string; summary: string })[] = await em.query(
      `SELECT ${HEADER_COLUMNS}, t.total, t.summary
         FROM vouchers v
         CROSS JOIN LATERAL (
           SELECT coalesce(sum(l.debit), 0) AS total, min(l.summary) FILTER (WHERE l.line_no = 1) AS summary
             FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id) t
        WHERE ${filter}
        ORDER BY v.period, v.voucher_type, v.number NULLS LAST, v.voucher_date, v.created_at, v.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return {
      items: rows.map(({ total, ...r }) => ({ ...r, total: new Decimal(total) })),
      total: Number(count),
      page: f.page,
      pageSize: f.pageSize,
    };
  }
}

/** Lines go in as parallel arrays through unnest: one statement however many lines. */
function insertLinesSql(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, project_code, fund_type)
          SELECT $1, $2, x.n, $3, x.s, x.a, x.d, x.c, x.p, x.f
            FROM unnest(${p(0)}::int[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::numeric[], ${p(4)}::numeric[],
                        ${p(5)}::text[], ${p(6)}::text[]) AS x(n, s, a, d, c, p, f)`;
}

function lineParams(v: ValidVoucher): unknown[] {
  const cols: unknown[][] = [[], [], [], [], [], [], []];
  for (const l of v.lines) {
    cols[0].push(l.lineNo);
    cols[1].push(l.summary);
    cols[2].push(l.accountCode);
    cols[3].push(l.side === 'debit' ? l.amount.toFixed(2) : '0');
    cols[4].push(l.side === 'credit' ? l.amount.toFixed(2) : '0');
    cols[5].push(l.projectCode);
    cols[6].push(l.fundType);
  }
  return cols;
}
