import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { VoucherType, VoucherTypes } from '../ledger/domain/voucher-type';
import { CoverTypeFacts, PrintVoucher } from './domain/voucher-sheet';

/** Whose books a print shows: the union, its center and the center's 会计主管. */
export interface PrintUnit {
  id: string;
  name: string;
  code: string;
  centerName: string;
  chiefAccountant: string | null;
}

type HeaderRow = Omit<PrintVoucher, 'lines' | 'chiefAccountant'> & { id: string };
type LineRow = { voucherId: string; summary: string; accountCode: string; accountPath: string; debit: string; credit: string };

/** Reads for printing: posted vouchers with their lines and people, by number, a batch at a time. */
@Injectable()
export class PrintRepository {
  async unit(em: EntityManager, unionId: string): Promise<PrintUnit | undefined> {
    const rows: PrintUnit[] = await em.query(
      `SELECT u.id, u.name, u.code, c.name AS "centerName", s.chief_accountant AS "chiefAccountant"
         FROM unions u JOIN centers c ON c.id = u.center_id
         LEFT JOIN center_ledger_settings s ON s.center_id = u.center_id
        WHERE u.id = $1`,
      [unionId],
    );
    return rows[0];
  }

  /** Per voucher type of the period: how many posted, first and last number, attachments (numbers are gapless). */
  async cover(em: EntityManager, unionId: string, period: number, type: VoucherType | null): Promise<CoverTypeFacts[]> {
    const rows: { type: VoucherType; count: number; first: number; last: number; attachments: number }[] = await em.query(
      `SELECT voucher_type AS type, count(*)::int AS count, min(number) AS first, max(number) AS last, coalesce(sum(attachment_count), 0)::int AS attachments
         FROM vouchers WHERE union_id = $1 AND period = $2 AND ($3::varchar IS NULL OR voucher_type = $3)
        GROUP BY voucher_type`,
      [unionId, period, type],
    );
    return rows.sort((a, b) => VoucherTypes.indexOf(a.type) - VoucherTypes.indexOf(b.type));
  }

  /** The posted vouchers of one type and period numbered from–to, in number order, each with its lines. */
  async vouchers(em: EntityManager, unionId: string, period: number, type: VoucherType, from: number, to: number): Promise<(Omit<PrintVoucher, 'chiefAccountant'> & { id: string })[]> {
    const headers: HeaderRow[] = await em.query(
      `SELECT v.id, v.voucher_type AS type, v.period, v.number, to_char(v.voucher_date, 'YYYY-MM-DD') AS date, v.red,
              v.attachment_count AS "attachmentCount", v.posted_by AS bookkeeper, coalesce(v.reviewer, v.posted_by) AS reviewer,
              v.cashier, v.preparer
         FROM vouchers v WHERE v.union_id = $1 AND v.period = $2 AND v.voucher_type = $3 AND v.number BETWEEN $4 AND $5
        ORDER BY v.number`,
      [unionId, period, type, from, to],
    );
    return this.withLines(em, unionId, headers);
  }

  /** One posted voucher by id (undefined: none posted under that id — a draft, or not there). */
  async voucher(em: EntityManager, unionId: string, id: string): Promise<(Omit<PrintVoucher, 'chiefAccountant'> & { id: string }) | undefined> {
    const headers: HeaderRow[] = await em.query(
      `SELECT v.id, v.voucher_type AS type, v.period, v.number, to_char(v.voucher_date, 'YYYY-MM-DD') AS date, v.red,
              v.attachment_count AS "attachmentCount", v.posted_by AS bookkeeper, coalesce(v.reviewer, v.posted_by) AS reviewer,
              v.cashier, v.preparer
         FROM vouchers v WHERE v.union_id = $1 AND v.id = $2`,
      [unionId, id],
    );
    return (await this.withLines(em, unionId, headers))[0];
  }

  async isDraft(em: EntityManager, unionId: string, id: string): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM voucher_drafts WHERE union_id = $1 AND id = $2`, [unionId, id])).length > 0;
  }

  private async withLines(em: EntityManager, unionId: string, headers: HeaderRow[]) {
    if (headers.length === 0) return [];
    // the full name of every account used, once, rather than per line
    const lines: LineRow[] = await em.query(
      `WITH l AS (SELECT voucher_id, line_no, summary, account_code, debit, credit FROM voucher_lines WHERE union_id = $1 AND voucher_id = ANY($2::uuid[])),
            names AS (SELECT c.code, (SELECT string_agg(p.name, '—' ORDER BY p.level) FROM accounts p
                                        WHERE p.union_id = $1 AND p.code = left(c.code, length(p.code))) AS path
                        FROM (SELECT DISTINCT account_code AS code FROM l) c)
       SELECT l.voucher_id AS "voucherId", l.summary, l.account_code AS "accountCode", names.path AS "accountPath", l.debit, l.credit
         FROM l JOIN names ON names.code = l.account_code ORDER BY l.voucher_id, l.line_no`,
      [unionId, headers.map((h) => h.id)],
    );
    const byVoucher = new Map<string, LineRow[]>();
    for (const l of lines) {
      const list = byVoucher.get(l.voucherId);
      if (list) list.push(l);
      else byVoucher.set(l.voucherId, [l]);
    }
    return headers.map((h) => ({
      ...h,
      lines: (byVoucher.get(h.id) ?? []).map((l) => ({
        summary: l.summary,
        accountCode: l.accountCode,
        accountPath: l.accountPath,
        debit: new Decimal(l.debit),
        credit: new Decimal(l.credit),
      })),
    }));
  }
}
