import { QueryRunner } from 'typeorm';

/**
 * How a table joins its union's books chain (docs/integrity.md, "Adding a table to the chain"): every
 * insert, update and delete of a row appends a record to the union's `records` chain at commit, holding
 * the row as it then was (`to_jsonb(row)` without the excluded columns), its key and the transaction.
 * `npm run verify` recomputes every hash in Node and compares the latest record of each row with the row.
 *
 * Declare the same table in src/integrity/chained-tables.ts (a test holds the two together).
 */
export interface ChainSpec {
  table: string;
  /** The column that holds the union id (usually union_id). */
  union: string;
  /** The columns after the union that identify a row. */
  key: string[];
  /** Columns left out of the record: large ones (file contents) whose hash is kept in another column. */
  exclude?: string[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function idents(names: string[]): string {
  for (const n of names) if (!IDENT.test(n)) throw new Error(`not a plain identifier: ${n}`);
  return names.join(',');
}

export function recordTrigger(table: string): string {
  return `${table}_zrecord`;
}

/**
 * Chains the table: rows already in it join the chain now (as `adopt` records, in key order), later
 * changes by trigger. The trigger is deferred to commit, so a union's chain is appended in commit order,
 * after the transaction's other locks (its posting lock, its audit head), and never forks.
 */
export async function chainTable(q: QueryRunner, spec: ChainSpec): Promise<void> {
  const args = [spec.union, spec.key, spec.exclude ?? []].map((a) => `'${Array.isArray(a) ? idents(a) : idents([a])}'`).join(', ');
  await q.query(`SET LOCAL timezone = 'UTC'`); // as the trigger renders them: timestamps in UTC
  await q.query(`SELECT ledger_record_append((r ->> $1)::uuid, $2, ledger_record_key(r, $3), 'adopt', r - $4::text[])
                   FROM (SELECT to_jsonb(t) AS r FROM ${idents([spec.table])} t) x
                  ORDER BY r ->> $1, ledger_record_key(r, $3)`, [spec.union, spec.table, spec.key, spec.exclude ?? []]);
  await q.query(`
    CREATE CONSTRAINT TRIGGER ${recordTrigger(spec.table)} AFTER INSERT OR UPDATE OR DELETE ON ${spec.table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_record_row(${args})`);
}

/** Undoes chainTable (the records stay: a chain is never shortened). */
export async function unchainTable(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP TRIGGER ${recordTrigger(table)} ON ${idents([table])}`);
}
