import { jsonbArray, jsonbBool, jsonbNumber, jsonbObject, jsonbString, jsonbText } from './jsonb-text';

/**
 * The canonical content of each kind of chain link, rendered here from the rows' own column values (as
 * PostgreSQL prints them), never by a database function: a function redefined by whoever holds the
 * database cannot change what verification hashes.
 */

/** An audit_log row, every column as PostgreSQL prints it (jsonb columns as their text, timestamps in UTC). */
export interface AuditRowText {
  unionId: string;
  seq: string;
  /** `at::text` in a UTC session: 2026-03-05 10:11:12.123456+00 */
  at: string;
  userId: string | null;
  username: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  clientIp: string | null;
}

/** The ISO instant with microseconds the audit content uses, from PostgreSQL's UTC text of a timestamptz. */
export function isoMicros(pgUtc: string): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/.exec(pgUtc);
  if (!m) throw new Error(`not a UTC timestamp: ${pgUtc}`);
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(6, '0')}Z`;
}

/** What the audit chain hashes for a record (IdentityAndAudit's jsonb object, reproduced key for key). */
export function auditContent(r: AuditRowText): string {
  return jsonbObject([
    ['union', jsonbString(r.unionId)],
    ['seq', jsonbNumber(r.seq)],
    ['at', jsonbString(isoMicros(r.at))],
    ['user', jsonbText(r.userId)],
    ['username', jsonbString(r.username)],
    ['action', jsonbString(r.action)],
    ['entityType', jsonbString(r.entityType)],
    ['entityId', jsonbText(r.entityId)],
    ['before', r.before ?? 'null'],
    ['after', r.after ?? 'null'],
    ['requestId', jsonbText(r.requestId)],
    ['clientIp', jsonbText(r.clientIp)],
  ]);
}

/** A posted voucher as the pre-15 voucher chain hashed it (numbers and dates as PostgreSQL prints them). */
export interface LegacyVoucherText {
  unionId: string;
  id: string;
  date: string;
  type: string;
  number: string;
  red: boolean;
  attachments: string;
  source: string;
  preparerId: string | null;
  postedById: string | null;
  /** null when the voucher has no lines (the chain then hashed `"lines": null`) */
  lines: { no: string; summary: string; account: string; debit: string; credit: string; project: string | null; fundType: string | null }[] | null;
}

export function legacyVoucherContent(v: LegacyVoucherText): string {
  const lines =
    v.lines === null
      ? 'null'
      : jsonbArray(
          v.lines.map((l) =>
            jsonbObject([
              ['no', jsonbNumber(l.no)],
              ['summary', jsonbString(l.summary)],
              ['account', jsonbString(l.account)],
              ['debit', jsonbNumber(l.debit)],
              ['credit', jsonbNumber(l.credit)],
              ['project', jsonbText(l.project)],
              ['fundType', jsonbText(l.fundType)],
            ]),
          ),
        );
  return jsonbObject([
    ['union', jsonbString(v.unionId)],
    ['id', jsonbString(v.id)],
    ['date', jsonbString(v.date)],
    ['type', jsonbString(v.type)],
    ['number', jsonbNumber(v.number)],
    ['red', jsonbBool(v.red)],
    ['attachments', jsonbNumber(v.attachments)],
    ['source', jsonbString(v.source)],
    ['preparer', jsonbText(v.preparerId)],
    ['postedBy', jsonbText(v.postedById)],
    ['lines', lines],
  ]);
}

/** A books-chain record: [transaction, table, key, operation, row] (the row as its stored jsonb text). */
export interface RecordText {
  txId: string;
  kind: string;
  key: string;
  op: 'adopt' | 'insert' | 'update' | 'delete';
  row: string | null;
}

export function recordContent(r: RecordText): string {
  return jsonbArray([jsonbNumber(r.txId), jsonbString(r.kind), jsonbString(r.key), jsonbString(r.op), r.row ?? 'null']);
}
