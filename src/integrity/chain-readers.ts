import { auditContent, AuditRowText, LegacyVoucherText, legacyVoucherContent, recordContent } from './domain/chain-content';
import { ChainRecord } from './domain/books-replay';
import { Anchor, ChainReport, ChainVerifier } from './domain/chain.rules';
import { parseJsonb } from './domain/jsonb-text';

/** Runs SQL on the one connection of a read snapshot. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

const PAGE = 1000;

interface Link {
  seq: string;
  prevHash: string;
  hash: string;
}

/** Reads a chain in pages by seq (all inside the caller's snapshot) and feeds each link with its content. */
async function walk<R extends Link>(query: Query, sql: string, unionId: string, each: (row: R) => string, anchor: Anchor | null): Promise<ChainReport> {
  const verifier = new ChainVerifier(anchor);
  for (let last = 0; ; ) {
    const rows = await query<R>(sql, [unionId, last]);
    for (const r of rows) verifier.feed({ seq: Number(r.seq), prevHash: r.prevHash, hash: r.hash, content: each(r) });
    if (rows.length < PAGE) return verifier.result();
    last = Number(rows[rows.length - 1].seq);
  }
}

/** The audit chain, its content rendered in Node from the columns (no ledger_audit_content). */
export function auditChain(query: Query, unionId: string, anchor: Anchor | null): Promise<ChainReport> {
  return walk<Link & AuditRowText>(
    query,
    `SELECT seq, prev_hash AS "prevHash", hash, union_id::text AS "unionId", at::text, user_id::text AS "userId", username,
            action, entity_type AS "entityType", entity_id AS "entityId", before::text, after::text, request_id AS "requestId",
            client_ip AS "clientIp"
       FROM audit_log WHERE union_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
    unionId,
    auditContent,
    anchor,
  );
}

type LegacyRow = Link & Omit<LegacyVoucherText, 'lines'> & { found: boolean; lines: string | null };

/** The pre-15 voucher chain (frozen): each link re-rendered from its voucher and lines as they are now. */
export function legacyVoucherChain(query: Query, unionId: string, anchor: Anchor | null): Promise<ChainReport> {
  return walk<LegacyRow>(
    query,
    `SELECT c.seq::text, c.prev_hash AS "prevHash", c.hash, c.union_id::text AS "unionId", c.voucher_id::text AS id,
            v.id IS NOT NULL AS found, v.voucher_date::text AS date, v.voucher_type AS type, v.number::text AS number, v.red,
            v.attachment_count::text AS attachments, v.source, v.preparer_id::text AS "preparerId", v.posted_by_id::text AS "postedById",
            (SELECT json_agg(json_build_array(l.line_no::text, l.summary, l.account_code, l.debit::text, l.credit::text, l.project_code, l.fund_type)
                             ORDER BY l.line_no)
               FROM voucher_lines l WHERE l.union_id = c.union_id AND l.voucher_id = c.voucher_id)::text AS lines
       FROM voucher_chain c LEFT JOIN vouchers v ON v.union_id = c.union_id AND v.id = c.voucher_id
      WHERE c.union_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT ${PAGE}`,
    unionId,
    (r) => {
      if (!r.found) return '';
      const lines = r.lines === null ? null : (JSON.parse(r.lines) as (string | null)[][]);
      return legacyVoucherContent({
        ...r,
        lines: lines?.map(([no, summary, account, debit, credit, project, fundType]) => ({
          no: no!,
          summary: summary!,
          account: account!,
          debit: debit!,
          credit: credit!,
          project,
          fundType,
        })) ?? null,
      });
    },
    anchor,
  );
}

interface RecordRow extends Link {
  txId: string;
  kind: string;
  key: string;
  op: ChainRecord['op'];
  row: string | null;
}

/** The books chain: each record hashed in Node from its stored row; every record also goes to `each`. */
export function booksChain(query: Query, unionId: string, anchor: Anchor | null, each: (r: ChainRecord) => void): Promise<ChainReport> {
  return walk<RecordRow>(
    query,
    `SELECT seq, prev_hash AS "prevHash", hash, tx_id AS "txId", kind, entity_key AS key, op, snapshot::text AS row
       FROM chain_records WHERE union_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
    unionId,
    (r) => {
      each({ seq: Number(r.seq), txId: r.txId, kind: r.kind, key: r.key, op: r.op, row: r.row === null ? null : parseJsonb(r.row) });
      return recordContent(r);
    },
    anchor,
  );
}

/** Rows of a query through a server-side cursor, a batch at a time (the caller's transaction holds it). */
export async function* cursor<T>(query: Query, name: string, sql: string, params: unknown[], batch = 500): AsyncGenerator<T> {
  await query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  try {
    for (;;) {
      const rows = await query<T>(`FETCH ${batch} FROM ${name}`);
      for (const row of rows) yield row;
      if (rows.length < batch) return;
    }
  } finally {
    await query(`CLOSE ${name}`);
  }
}
