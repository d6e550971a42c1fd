import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Actor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { firstDayOf, lastDayOf } from '../../common/period';
import { preparedQuery } from '../../database/prepared-query';
import { FundType } from '../domain/account-rules';
import { ValidVoucher } from '../domain/voucher.rules';
import { VoucherType } from '../domain/voucher-type';
import { VoucherSource } from './voucher.entity';

export type VoucherStatus = 'draft' | 'posted';

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
  preparerId: string | null;
  /** 审核 (posted before it was recorded apart: null, the poster reviewed as they posted). */
  reviewer: string | null;
  reviewerId: string | null;
  /** 出纳, on a claim's payment voucher. */
  cashier: string | null;
  cashierId: string | null;
  /** 一人冲销: prepared and posted by one person, as the center allows for reversals. */
  onePerson: boolean;
  postedBy: string | null;
  postedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Drafts only: bumped by every edit. */
  version: number | null;
  /** Reversal drafts only: the posted voucher it will reverse. */
  reversalOfId: string | null;
}

/** Who a voucher names, by id and display name. */
export type Person = Pick<Actor, 'id' | 'name'>;

export interface Posting {
  number: number;
  postedAt: Date;
}

export interface NewPosted {
  unionId: string;
  id: string;
  voucher: ValidVoucher;
  source: VoucherSource;
  preparer: Person;
  /** Who posts it (记账); also the actor of its audit record. */
  poster: Actor;
  /** 审核, when someone reviewed it before (a claim's payment voucher); otherwise the poster reviews as they post. */
  reviewer?: Person | null;
  /** 出纳 of a payment. */
  cashier?: Person | null;
  /** A reversal one person prepares and posts (the center allows it; the database checks). */
  onePerson?: boolean;
  /** When the draft was first saved; now when posted directly. */
  preparedAt?: Date;
  /** Posting a draft: the version that was validated (the draft is deleted only at that version). */
  draftVersion?: number;
}

/**
 * How a group-commit statement treats the unions' locks (migration BatchLocks): `tryMs` tries them and writes
 * only the unions it got, then waits at most tryMs for any row lock; `waitMs` waits for them at most that
 * long; neither is for a caller's own transaction.
 */
export interface LockMode {
  tryMs: number | null;
  waitMs: number | null;
}

export const IN_TRANSACTION: LockMode = { tryMs: null, waitMs: null };

/** A group-commit statement's results, in the order of its rows, and the unions it locked and wrote. */
export interface Locked<T> {
  results: T[];
  locked: Set<string>;
}

export interface NewDraft {
  unionId: string;
  id: string;
  voucher: ValidVoucher;
  source: VoucherSource;
  /** Also the actor of its audit record. */
  preparer: Actor;
  /** A reversal draft: the posted voucher it reverses. */
  reversalOf?: string | null;
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

/** A line as stored, without the names the reports show (all that re-validating a draft needs). */
export type DraftLine = Pick<StoredLine, 'summary' | 'accountCode' | 'debit' | 'credit' | 'projectCode' | 'fundType'>;

export interface StoredVoucher extends VoucherHeader {
  lines: StoredLine[];
  reversalOf: VoucherLink | null;
  reversedBy: VoucherLink | null;
}

export interface VoucherListItem extends VoucherHeader {
  total: Decimal;
  summary: string;
}

/** The periods a page of an account-filtered list lies in (VouchersRepository.accountWindow). */
interface AccountWindow {
  from: number;
  to: number;
  /** most vouchers of those periods touch the account */
  dense: boolean;
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

const POSTED_HEADER = `
  v.id, v.voucher_date AS date, v.period, v.voucher_type AS type, 'posted' AS status, v.number, v.red,
  v.attachment_count AS "attachmentCount", v.source, v.preparer, v.preparer_id AS "preparerId", v.reviewer,
  v.reviewer_id AS "reviewerId", v.cashier, v.cashier_id AS "cashierId", v.one_person AS "onePerson", v.posted_by AS "postedBy",
  v.posted_at AS "postedAt", v.prepared_at AS "createdAt", v.posted_at AS "updatedAt", NULL::integer AS version,
  NULL::uuid AS "reversalOfId"`;
const DRAFT_HEADER = `
  d.id, d.voucher_date AS date, d.period, d.voucher_type AS type, 'draft' AS status, NULL::integer AS number, d.red,
  d.attachment_count AS "attachmentCount", d.source, d.preparer, d.preparer_id AS "preparerId", d.reviewer,
  d.reviewer_id AS "reviewerId", d.cashier, d.cashier_id AS "cashierId", false AS "onePerson", NULL::varchar AS "postedBy",
  NULL::timestamptz AS "postedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version,
  d.reversal_of AS "reversalOfId"`;
const LINE_COLUMNS = `
  l.line_no AS "lineNo", l.summary, l.account_code AS "accountCode", a.name AS "accountName",
  (SELECT string_agg(p.name, '—' ORDER BY p.level) FROM accounts p
    WHERE p.union_id = l.union_id AND p.code = left(l.account_code, length(p.code))) AS "accountPath",
  l.debit, l.credit, l.project_code AS "projectCode", l.fund_type AS "fundType"`;

/**
 * Drafts (voucher_drafts, freely edited) and the posted ledger (vouchers, append-only) behind one voucher
 * id: posting a draft inserts the validated copy under the same id and deletes the draft.
 */
@Injectable()
export class VouchersRepository {
  /**
   * Posts vouchers: headers, lines and their audit records in one statement, in the order given (callers
   * sort by union so that the per-union locks the triggers take are always taken in one order). A voucher
   * posted from a draft deletes the draft in the same statement, but only at the version that was
   * validated: if the draft changed meanwhile it is not posted and has no entry in the result. The database
   * numbers each voucher, applies the balances, chains it, and checks every voucher at commit.
   */
  async insertPosted(em: EntityManager, rows: NewPosted[]): Promise<(Posting | undefined)[]> {
    return (await this.insertPostedLocking(em, rows, IN_TRANSACTION)).results;
  }

  /**
   * insertPosted for the group commit: with `lock.tryMs` the statement first tries each union's locks and
   * writes only the unions it got (`locked`); the others' rows are left untouched, drafts included
   * (migration BatchLocks).
   */
  async insertPostedLocking(em: EntityManager, rows: NewPosted[], lock: LockMode): Promise<Locked<Posting | undefined>> {
    const h = columns(
      rows.map((r) => {
        const v = r.voucher;
        const reviewer = r.reviewer ?? r.poster;
        return [r.unionId, r.id, v.date, v.period, v.type, v.red, v.attachmentCount, r.source, r.preparer.name, r.preparer.id,
          r.poster.name, r.poster.id, r.preparedAt ?? null, r.draftVersion ?? null, v.total.toFixed(2), r.poster.requestId,
          r.poster.ip, r.poster.username, reviewer.name, reviewer.id, r.cashier?.name ?? null, r.cashier?.id ?? null, r.onePerson ?? false];
      }),
      POSTED_WIDTH,
    );
    const l = columns(rows.flatMap((r) => lineRows(r.unionId, r.id, r.voucher)), LINE_WIDTH);
    const line = (i: number) => `$${POSTED_WIDTH + i}`;
    const posted = await preparedQuery<Posting & { id: string | null; locked: string[] | null }>(
      em,
      'ledger.insert-posted',
      `WITH lk AS (SELECT ledger_batch_locks($1::uuid[], true, $${POSTED_WIDTH + LINE_WIDTH + 1}, $${POSTED_WIDTH + LINE_WIDTH + 2}) AS free),
       h AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::int[], $5::varchar[], $6::boolean[], $7::int[],
                              $8::varchar[], $9::varchar[], $10::uuid[], $11::varchar[], $12::uuid[], $13::timestamptz[],
                              $14::int[], $15::numeric[], $16::varchar[], $17::varchar[], $18::varchar[], $19::varchar[],
                              $20::uuid[], $21::varchar[], $22::uuid[], $23::boolean[])
                  WITH ORDINALITY AS x(union_id, id, voucher_date, period, voucher_type, red, attachment_count, source,
                                       preparer, preparer_id, posted_by, posted_by_id, prepared_at, draft_version, total,
                                       request_id, client_ip, username, reviewer, reviewer_id, cashier, cashier_id, one_person, ord)),
       d AS (
         DELETE FROM voucher_drafts x USING h
          WHERE h.draft_version IS NOT NULL AND x.union_id = h.union_id AND x.id = h.id AND x.version = h.draft_version
            AND h.union_id = ANY((SELECT free FROM lk)::uuid[])
          RETURNING x.union_id, x.id),
       ok AS (
         SELECT h.* FROM h
          WHERE h.union_id = ANY((SELECT free FROM lk)::uuid[])
            AND (h.draft_version IS NULL OR EXISTS (SELECT 1 FROM d WHERE d.union_id = h.union_id AND d.id = h.id))),
       v AS (
         INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, red, attachment_count, source,
                               preparer, preparer_id, posted_by, posted_by_id, prepared_at, reviewer, reviewer_id,
                               cashier, cashier_id, one_person)
         SELECT union_id, id, voucher_date, period, voucher_type, red, attachment_count, source,
                preparer, preparer_id, posted_by, posted_by_id, coalesce(prepared_at, now()), reviewer, reviewer_id,
                cashier, cashier_id, one_person
           FROM ok ORDER BY ord
         RETURNING union_id, id, number, posted_at),
       l AS (
         INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, project_code, fund_type)
         SELECT x.u, x.v, x.n, ok.voucher_date, x.s, x.a, x.d, x.c, x.p, x.f
           FROM unnest(${line(1)}::uuid[], ${line(2)}::uuid[], ${line(3)}::int[], ${line(4)}::varchar[], ${line(5)}::varchar[],
                       ${line(6)}::numeric[], ${line(7)}::numeric[], ${line(8)}::varchar[], ${line(9)}::varchar[]) AS x(u, v, n, s, a, d, c, p, f)
           JOIN ok ON ok.union_id = x.u AND ok.id = x.v),
       a AS (
         INSERT INTO audit_log (union_id, seq, user_id, username, action, entity_type, entity_id, after, request_id, client_ip, prev_hash, hash)
         SELECT v.union_id, 0, ok.posted_by_id, ok.username, 'voucher.post', 'voucher', v.id::text,
                jsonb_build_object('number', v.number, 'date', ok.voucher_date, 'type', ok.voucher_type, 'red', ok.red,
                                   'total', ok.total::text, 'source', ok.source, 'preparer', ok.preparer, 'preparerId', ok.preparer_id,
                                   'reviewer', ok.reviewer, 'reviewerId', ok.reviewer_id, 'onePerson', ok.one_person)
                || CASE WHEN ok.cashier_id IS NULL THEN '{}'::jsonb
                        ELSE jsonb_build_object('cashier', ok.cashier, 'cashierId', ok.cashier_id) END,
                ok.request_id, ok.client_ip, '', ''
           FROM v JOIN ok ON ok.union_id = v.union_id AND ok.id = v.id
          ORDER BY v.union_id, v.number)
       SELECT id, number, posted_at AS "postedAt", NULL::uuid[] AS locked FROM v
       UNION ALL SELECT NULL, NULL, NULL, free FROM lk`,
      [...h, ...l, lock.tryMs, lock.waitMs],
    );
    const byId = new Map(posted.filter((p) => p.id !== null).map((p) => [p.id, { number: p.number, postedAt: p.postedAt }]));
    return { results: rows.map((r) => byId.get(r.id)), locked: new Set(posted.find((p) => p.locked !== null)?.locked ?? []) };
  }

  /** New drafts with their lines and audit records, in one statement, in the order given. */
  async insertDrafts(em: EntityManager, rows: NewDraft[]): Promise<{ createdAt: Date }[]> {
    return (await this.insertDraftsLocking(em, rows, IN_TRANSACTION)).results.map((r) => r!);
  }

  /** insertDrafts for the group commit, trying each union's periods lock as insertPostedLocking does. */
  async insertDraftsLocking(em: EntityManager, rows: NewDraft[], lock: LockMode): Promise<Locked<{ createdAt: Date } | undefined>> {
    const h = columns(
      rows.map(({ unionId, id, voucher: v, source, preparer: p, reversalOf }) => [unionId, id, v.date, v.period, v.type, v.red, v.attachmentCount,
        source, p.name, p.id, v.total.toFixed(2), p.username, p.requestId, p.ip, reversalOf ?? null]),
      DRAFT_WIDTH,
    );
    const l = columns(rows.flatMap((r) => lineRows(r.unionId, r.id, r.voucher)), LINE_WIDTH);
    const created = await preparedQuery<{ id: string | null; createdAt: Date; locked: string[] | null }>(
      em,
      'ledger.insert-drafts',
      `WITH lk AS (SELECT ledger_batch_locks($1::uuid[], false, $${DRAFT_WIDTH + LINE_WIDTH + 1}, $${DRAFT_WIDTH + LINE_WIDTH + 2}) AS free),
       h0 AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::int[], $5::varchar[], $6::boolean[], $7::int[],
                              $8::varchar[], $9::varchar[], $10::uuid[], $11::varchar[], $12::varchar[], $13::varchar[], $14::varchar[],
                              $15::uuid[])
                  WITH ORDINALITY AS x(union_id, id, voucher_date, period, voucher_type, red, attachment_count, source,
                                       preparer, preparer_id, total, username, request_id, client_ip, reversal_of, ord)),
       h AS (SELECT * FROM h0 WHERE union_id = ANY((SELECT free FROM lk)::uuid[])),
       d AS (
         INSERT INTO voucher_drafts (union_id, id, voucher_date, period, voucher_type, red, attachment_count, source, preparer, preparer_id,
                                     reversal_of)
         SELECT union_id, id, voucher_date, period, voucher_type, red, attachment_count, source, preparer, preparer_id, reversal_of
           FROM h ORDER BY ord
         RETURNING id, created_at),
       l AS (${insertDraftLines(DRAFT_WIDTH + 1, 'WHERE x.union_id = ANY((SELECT free FROM lk)::uuid[])')}),
       a AS (
         INSERT INTO audit_log (union_id, seq, user_id, username, action, entity_type, entity_id, after, request_id, client_ip, prev_hash, hash)
         SELECT union_id, 0, preparer_id, username, 'voucher.create', 'voucher', id::text,
                jsonb_build_object('date', voucher_date, 'type', voucher_type, 'red', red, 'total', total)
                || CASE WHEN reversal_of IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reversalOf', reversal_of) END,
                request_id, client_ip, '', ''
           FROM h ORDER BY ord)
       SELECT id, created_at AS "createdAt", NULL::uuid[] AS locked FROM d
       UNION ALL SELECT NULL, NULL, free FROM lk`,
      [...h, ...l, lock.tryMs, lock.waitMs],
    );
    const byId = new Map(created.filter((c) => c.id !== null).map((c) => [c.id, { createdAt: c.createdAt }]));
    return { results: rows.map((r) => byId.get(r.id)), locked: new Set(created.find((c) => c.locked !== null)?.locked ?? []) };
  }

  /**
   * Replaces a draft's header fields and lines (the caller holds the draft's row lock). Whoever edits a
   * draft becomes its preparer: the one who may not post it.
   */
  async replaceDraft(em: EntityManager, unionId: string, id: string, v: ValidVoucher, preparer: Pick<Actor, 'id' | 'name'>): Promise<void> {
    await em.query(`DELETE FROM voucher_draft_lines WHERE union_id = $1 AND draft_id = $2`, [unionId, id]);
    await em.query(
      `WITH d AS (
         UPDATE voucher_drafts
            SET voucher_date = $3, period = $4, voucher_type = $5, red = $6, attachment_count = $7, updated_at = now(),
                version = version + 1, preparer = $8, preparer_id = $9, source = $19
          WHERE union_id = $1 AND id = $2)
       ${insertDraftLines(10)}`,
      [unionId, id, v.date, v.period, v.type, v.red, v.attachmentCount, preparer.name, preparer.id, ...columns(lineRows(unionId, id, v), LINE_WIDTH),
        v.source ?? 'manual'],
    );
  }

  /**
   * A draft with its lines, as posting needs them: one prepared statement (parsed and planned once per
   * connection) instead of a header read and a lines read each planned anew.
   */
  async draftForPosting(em: EntityManager, unionId: string, id: string): Promise<(VoucherHeader & { lines: DraftLine[] }) | undefined> {
    const rows = await preparedQuery<VoucherHeader & { lines: (Omit<DraftLine, 'debit' | 'credit'> & { debit: string; credit: string })[] | null }>(
      em,
      'ledger.draft-for-posting',
      `SELECT ${DRAFT_HEADER},
              (SELECT json_agg(json_build_object(
                        'summary', l.summary, 'accountCode', l.account_code, 'debit', l.debit::text, 'credit', l.credit::text,
                        'projectCode', l.project_code, 'fundType', l.fund_type) ORDER BY l.line_no)
                 FROM voucher_draft_lines l WHERE l.union_id = d.union_id AND l.draft_id = d.id) AS lines
         FROM voucher_drafts d WHERE d.union_id = $1 AND d.id = $2`,
      [unionId, id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { ...row, lines: (row.lines ?? []).map((l) => ({ ...l, debit: new Decimal(l.debit), credit: new Decimal(l.credit) })) };
  }

  async deleteDraft(em: EntityManager, unionId: string, id: string): Promise<void> {
    await em.query(`DELETE FROM voucher_drafts WHERE union_id = $1 AND id = $2`, [unionId, id]);
  }

  /** The draft under a row lock: serializes edits, deletion and posting of one draft. */
  async lockDraft(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader | undefined> {
    const rows: VoucherHeader[] = await em.query(
      `SELECT ${DRAFT_HEADER} FROM voucher_drafts d WHERE d.union_id = $1 AND d.id = $2 FOR UPDATE`,
      [unionId, id],
    );
    return rows[0];
  }

  async isPosted(em: EntityManager, unionId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM vouchers WHERE union_id = $1 AND id = $2`, [unionId, id]);
    return rows.length > 0;
  }

  async linkReversal(em: EntityManager, unionId: string, originalId: string, reversalId: string): Promise<void> {
    await em.query(`INSERT INTO voucher_reversals (union_id, original_id, reversal_id) VALUES ($1, $2, $3)`, [
      unionId,
      originalId,
      reversalId,
    ]);
  }

  /** A posted voucher or a draft, with its lines and reversal links. */
  /** Whether a fixed-asset card stands on the voucher (the card register's rows, which the database's reversal guard reads too). */
  async carriesStandingAssetCard(em: EntityManager, unionId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM fixed_assets WHERE union_id = $1 AND voucher_id = $2 AND status <> 'cancelled' LIMIT 1`, [unionId, id]);
    return rows.length > 0;
  }

  async find(em: EntityManager, unionId: string, id: string): Promise<StoredVoucher | undefined> {
    const posted: (VoucherHeader & { reversalOf: VoucherLink | null; reversedBy: VoucherLink | null })[] = await em.query(
      `SELECT ${POSTED_HEADER},
              (SELECT json_build_object('id', o.id, 'type', o.voucher_type, 'period', o.period, 'number', o.number)
                 FROM voucher_reversals r JOIN vouchers o ON o.union_id = r.union_id AND o.id = r.original_id
                WHERE r.union_id = v.union_id AND r.reversal_id = v.id) AS "reversalOf",
              (SELECT json_build_object('id', x.id, 'type', x.voucher_type, 'period', x.period, 'number', x.number)
                 FROM voucher_reversals r JOIN vouchers x ON x.union_id = r.union_id AND x.id = r.reversal_id
                WHERE r.union_id = v.union_id AND r.original_id = v.id) AS "reversedBy"
         FROM vouchers v WHERE v.union_id = $1 AND v.id = $2`,
      [unionId, id],
    );
    if (posted[0]) return { ...posted[0], lines: await this.postedLines(em, unionId, id) };
    const drafts: VoucherHeader[] = await em.query(`SELECT ${DRAFT_HEADER} FROM voucher_drafts d WHERE d.union_id = $1 AND d.id = $2`, [
      unionId,
      id,
    ]);
    if (!drafts[0]) return undefined;
    const reversalOf = drafts[0].reversalOfId ? await this.link(em, unionId, drafts[0].reversalOfId) : null;
    return { ...drafts[0], reversalOf, reversedBy: null, lines: await this.draftLines(em, unionId, id) };
  }

  /** A posted voucher as a reference (a reversal draft's original). */
  private async link(em: EntityManager, unionId: string, id: string): Promise<VoucherLink | null> {
    const rows: VoucherLink[] = await em.query(`SELECT id, voucher_type AS type, period, number FROM vouchers WHERE union_id = $1 AND id = $2`, [unionId, id]);
    return rows[0] ?? null;
  }

  /** 审核 of a draft before it is posted (its content unchanged, so its version stays). */
  async setDraftReviewer(em: EntityManager, unionId: string, id: string, reviewer: Person): Promise<void> {
    await em.query(`UPDATE voucher_drafts SET reviewer = $3, reviewer_id = $4, updated_at = now() WHERE union_id = $1 AND id = $2`, [
      unionId,
      id,
      reviewer.name,
      reviewer.id,
    ]);
  }

  /** 出纳 of a payment voucher, dated the day the money left (a new version: posting validates it again). */
  async setDraftCashier(em: EntityManager, unionId: string, id: string, cashier: Person, date: string, period: number): Promise<void> {
    await em.query(
      `UPDATE voucher_drafts SET cashier = $3, cashier_id = $4, voucher_date = $5, period = $6, version = version + 1, updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, id, cashier.name, cashier.id, date, period],
    );
  }

  postedLines(em: EntityManager, unionId: string, id: string): Promise<StoredLine[]> {
    return this.lines(em, `FROM voucher_lines l JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
                            WHERE l.union_id = $1 AND l.voucher_id = $2`, unionId, id);
  }

  draftLines(em: EntityManager, unionId: string, id: string): Promise<StoredLine[]> {
    return this.lines(em, `FROM voucher_draft_lines l JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
                            WHERE l.union_id = $1 AND l.draft_id = $2`, unionId, id);
  }

  /**
   * A page of posted vouchers and drafts in the order of their numbers. Each side reads only as far as the
   * page reaches, in the order of its index (posted: union, period, type, number), and only the page's
   * vouchers get their totals; the count comes from the counters kept at posting unless a text filter
   * leaves no other way — no page counts or sorts every voucher of the union.
   */
  async list(em: EntityManager, unionId: string, f: VoucherFilter): Promise<Page<VoucherListItem>> {
    const params: unknown[] = [unionId];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const reach = bind((f.page - 1) * f.pageSize + f.pageSize);
    const parts: string[] = [];
    if (f.status !== 'draft') {
      const where = listFilter(f, 'v', 'voucher_lines', 'voucher_id', bind, await this.accountWindow(em, unionId, f));
      if (f.number !== undefined) where.push(`v.number = ${bind(f.number)}`);
      parts.push(`(SELECT v.id, 'posted' AS status, v.period, v.voucher_type AS type, v.number, v.voucher_date AS date, v.prepared_at AS "createdAt"
                     FROM vouchers v WHERE ${where.join(' AND ')}
                    ORDER BY v.period, v.voucher_type, v.number LIMIT ${reach})`);
    }
    if (f.status !== 'posted' && f.number === undefined) {
      const where = listFilter(f, 'd', 'voucher_draft_lines', 'draft_id', bind);
      parts.push(`(SELECT d.id, 'draft' AS status, d.period, d.voucher_type AS type, NULL::integer AS number, d.voucher_date AS date, d.created_at AS "createdAt"
                     FROM voucher_drafts d WHERE ${where.join(' AND ')}
                    ORDER BY d.period, d.voucher_type, d.voucher_date, d.created_at, d.id LIMIT ${reach})`);
    }
    const totals = (alias: string, lines: string, fk: string) =>
      `CROSS JOIN LATERAL (SELECT coalesce(sum(l.debit), 0) AS total, min(l.summary) FILTER (WHERE l.line_no = 1) AS summary
                             FROM ${lines} l WHERE l.union_id = ${alias}.union_id AND l.${fk} = ${alias}.id) t`;
    // drafts have no number: asking for a numbered draft finds nothing
    if (parts.length === 0) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
    const rows: (VoucherHeader & { total: string; summary: string })[] = await em.query(
      `WITH page AS (
         SELECT u.id, u.status, row_number() OVER (ORDER BY u.period, u.type, u.number NULLS LAST, u.date, u."createdAt", u.id) AS ord
           FROM (${parts.join(' UNION ALL ')}) u
          ORDER BY ord OFFSET ${bind((f.page - 1) * f.pageSize)} LIMIT ${bind(f.pageSize)})
       SELECT * FROM (
         SELECT ${POSTED_HEADER}, t.total, t.summary, page.ord FROM page JOIN vouchers v ON v.union_id = $1 AND v.id = page.id AND page.status = 'posted'
           ${totals('v', 'voucher_lines', 'voucher_id')}
         UNION ALL
         SELECT ${DRAFT_HEADER}, t.total, t.summary, page.ord FROM page JOIN voucher_drafts d ON d.union_id = $1 AND d.id = page.id AND page.status = 'draft'
           ${totals('d', 'voucher_draft_lines', 'draft_id')}) r
       ORDER BY r.ord`,
      params,
    );
    return {
      items: rows.map(({ total, ord: _ord, ...r }: VoucherHeader & { total: string; summary: string; ord?: unknown }) => ({ ...r, total: new Decimal(total) })),
      total: await this.count(em, unionId, f),
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /**
   * For a list filtered by account alone: the periods its page lies in, from the vouchers per account and
   * period counted at posting (every level of the code, each voucher once) — from the first period with
   * such a voucher to the one where the count reaches the page's end — and whether those periods are dense
   * with them. Plans are generic (SESSION_OPTIONS), so without this the account's lines of every period
   * were read and hashed to find one page (issue 18: 824 ms for a busy union). Undefined when the counts
   * cannot say (other filters, or a page past the last such voucher).
   */
  private async accountWindow(em: EntityManager, unionId: string, f: VoucherFilter): Promise<AccountWindow | undefined> {
    if (!f.accountCode || f.text || f.type || f.number !== undefined) return undefined;
    const rows: { first: number; last: number; matching: number; vouchers: number }[] = await em.query(
      `WITH c AS (SELECT period, vouchers, sum(vouchers) OVER (ORDER BY period) AS upto FROM account_voucher_counts
                   WHERE union_id = $1 AND account_code = $2 AND period BETWEEN $3 AND $4 AND vouchers > 0),
            w AS (SELECT min(period) AS first, (SELECT min(period) FROM c WHERE upto >= $5) AS last FROM c)
       SELECT w.first, w.last, (SELECT sum(vouchers) FROM c WHERE c.period <= w.last)::int AS matching,
              (SELECT coalesce(sum(s.last_number), 0) FROM voucher_sequences s WHERE s.union_id = $1 AND s.period BETWEEN w.first AND w.last)::int AS vouchers
         FROM w WHERE w.last IS NOT NULL`,
      [unionId, f.accountCode, f.fromPeriod ?? 0, f.toPeriod ?? 999999, f.page * f.pageSize],
    );
    const r = rows[0];
    if (!r) return undefined;
    // walking the vouchers in number order reaches the page's end after about reach × vouchers ÷ matching of
    // them; reading the account's lines of those periods costs the matching ones: take the cheaper
    const reach = f.page * f.pageSize;
    return { from: Number(r.first), to: Number(r.last), dense: reach * r.vouchers < r.matching * r.matching };
  }

  /**
   * How many vouchers a list holds: posted ones from the counters kept at posting (numbers are gapless, so a
   * period's last number is its count; vouchers per account and period are counted by the lines trigger),
   * drafts (few) by counting. A text filter, or an account together with a type or number, counts the lines.
   */
  private async count(em: EntityManager, unionId: string, f: VoucherFilter): Promise<number> {
    const range = [f.fromPeriod ?? 0, f.toPeriod ?? 999999];
    let posted = 0;
    if (f.status !== 'draft') {
      if (f.text || f.number !== undefined || (f.accountCode && f.type)) {
        const params: unknown[] = [unionId];
        const where = listFilter(f, 'v', 'voucher_lines', 'voucher_id', (value) => `$${params.push(value)}`);
        if (f.number !== undefined) where.push(`v.number = $${params.push(f.number)}`);
        posted = (await em.query(`SELECT count(*)::int AS n FROM vouchers v WHERE ${where.join(' AND ')}`, params))[0].n;
      } else if (f.accountCode) {
        posted = (
          await em.query(
            `SELECT coalesce(sum(vouchers), 0)::int AS n FROM account_voucher_counts WHERE union_id = $1 AND account_code = $2 AND period BETWEEN $3 AND $4`,
            [unionId, f.accountCode, ...range],
          )
        )[0].n;
      } else {
        posted = (
          await em.query(
            `SELECT coalesce(sum(last_number), 0)::int AS n FROM voucher_sequences
              WHERE union_id = $1 AND period BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR voucher_type = $4)`,
            [unionId, ...range, f.type ?? null],
          )
        )[0].n;
      }
    }
    let drafts = 0;
    if (f.status !== 'posted' && f.number === undefined) {
      const params: unknown[] = [unionId];
      const where = listFilter(f, 'd', 'voucher_draft_lines', 'draft_id', (value) => `$${params.push(value)}`);
      drafts = (await em.query(`SELECT count(*)::int AS n FROM voucher_drafts d WHERE ${where.join(' AND ')}`, params))[0].n;
    }
    return posted + drafts;
  }

  private async lines(em: EntityManager, from: string, unionId: string, id: string): Promise<StoredLine[]> {
    const rows: (Omit<StoredLine, 'debit' | 'credit'> & { debit: string; credit: string })[] = await em.query(
      `SELECT ${LINE_COLUMNS} ${from} ORDER BY l.line_no`,
      [unionId, id],
    );
    return rows.map((r) => ({ ...r, debit: new Decimal(r.debit), credit: new Decimal(r.credit) }));
  }
}

/** The list's filters on posted vouchers (`v`) or drafts (`d`); parameters bound through `bind`. */
function listFilter(f: VoucherFilter, alias: string, lines: string, fk: string, bind: (value: unknown) => string, window?: AccountWindow): string[] {
  const where = [`${alias}.union_id = $1`];
  const [from, to] = window ? [window.from, window.to] : [f.fromPeriod, f.toPeriod];
  if (from !== undefined) where.push(`${alias}.period >= ${bind(from)}`);
  if (to !== undefined) where.push(`${alias}.period <= ${bind(to)}`);
  if (f.type) where.push(`${alias}.voucher_type = ${bind(f.type)}`);
  const hasLine = (cond: string) => `EXISTS (SELECT 1 FROM ${lines} l WHERE l.union_id = ${alias}.union_id AND l.${fk} = ${alias}.id AND ${cond})`;
  if (f.accountCode && window?.dense) {
    // dense: in number order, each voucher's own lines asked once (a subplan per row, by the lines' key,
    // stopping at the page's end); no account bound here, or the subplan would scan the account index instead
    where.push(`(SELECT true FROM ${lines} l WHERE l.union_id = ${alias}.union_id AND l.${fk} = ${alias}.id AND l.account_code LIKE ${bind(`${f.accountCode}%`)} LIMIT 1)`);
  } else if (f.accountCode && window) {
    // sparse: the account's lines of the window first — the code and its sub-accounts as a range (codes are
    // digits) and a posted line's own date (its voucher's) within the window: both bounds of the account
    // index (union, account, date), even in a generic plan
    const code = f.accountCode;
    where.push(
      hasLine(
        `l.account_code >= ${bind(code)} AND l.account_code < ${bind(code.slice(0, -1) + String.fromCharCode(code.charCodeAt(code.length - 1) + 1))}` +
          ` AND l.voucher_date BETWEEN ${bind(firstDayOf(window.from))} AND ${bind(lastDayOf(window.to))}`,
      ),
    );
  } else if (f.accountCode) where.push(hasLine(`l.account_code LIKE ${bind(`${f.accountCode}%`)}`));
  if (f.text) where.push(hasLine(`l.summary ILIKE ${bind(`%${f.text.replace(/[\\%_]/g, '\\$&')}%`)}`));
  return where;
}

/**
 * Inserts draft lines given as `LINE_WIDTH` parallel arrays (`lineRows` through `columns`), from parameter
 * `first`; `where` may filter them by `x.union_id`.
 */
function insertDraftLines(first: number, where = ''): string {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO voucher_draft_lines (union_id, draft_id, line_no, summary, account_code, debit, credit, project_code, fund_type)
          SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::uuid[], ${p(2)}::int[], ${p(3)}::varchar[], ${p(4)}::varchar[],
                               ${p(5)}::numeric[], ${p(6)}::numeric[], ${p(7)}::varchar[], ${p(8)}::varchar[])
                   AS x(union_id, draft_id, line_no, summary, account_code, debit, credit, project_code, fund_type) ${where}`;
}

const LINE_WIDTH = 9;
/** Header columns of insertPosted and insertDrafts: their lines' parameters follow these. */
const POSTED_WIDTH = 23;
const DRAFT_WIDTH = 15;

/** A voucher's lines as rows of (union, voucher, no, summary, account, debit, credit, project, fund type). */
function lineRows(unionId: string, id: string, v: ValidVoucher): unknown[][] {
  return v.lines.map((line) => [unionId, id, line.lineNo, line.summary, line.accountCode, line.side === 'debit' ? line.amount.toFixed(2) : '0',
    line.side === 'credit' ? line.amount.toFixed(2) : '0', line.projectCode, line.fundType]);
}

/** Rows as parallel column arrays, for unnest: one statement however many rows. */
function columns(rows: unknown[][], width: number): unknown[][] {
  const cols: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) row.forEach((value, i) => cols[i].push(value));
  return cols;
}
