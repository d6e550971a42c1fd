import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm.options';
import { CHAINED_TABLES } from '../../src/integrity/chained-tables';
import { testDatabaseUrl } from '../support/global-setup';
import { schemaSnapshot } from '../support/schema-snapshot';
import { cloneTestDatabase } from '../support/test-app';

const SNAPSHOT = join(__dirname, '..', '..', 'migrations', 'schema.snapshot.txt');

/**
 * Tables with a union_id column that are not per-union books, each with its reason (docs/scaling.md): their
 * keys need not lead with union_id.
 */
const NOT_PER_UNION: Record<string, string> = {
  allocation_rows: 'the rows of a center\'s allocation batch (one bank credit split across unions), keyed by center and batch like the batch itself; the money reaches each union as its own posted voucher',
  bank_match_items: 'the items of a center\'s bank match: a bank statement line (center-level, no union) or a book line of one union; keyed by center and match like the match itself, which can pair one bank line with several unions\' book lines',
  bank_account_shares: 'which pooled account of the center holds a union\'s share: a small mapping read by pooled account across unions (the Σ check), a reference table (docs/scaling.md)',
  document_registry: 'keyed across unions on purpose: one invoice backs one live claim in any union (distributed by key)',
  export_jobs: 'bookkeeping about files, keyed by job id; a center pack names no union (reference table)',
  grants: 'a user\'s roles; union_id is the scope of a chair, clerk or union auditor grant (reference table, like users)',
};

/**
 * The schema contract (issue 15): a committed snapshot of the whole migrated schema (every table, not only
 * those with entities), keys that lead with union_id on every per-union table, and the chained tables as
 * the code expects them.
 */
describe('schema contract', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(typeormOptions(testDatabaseUrl(await cloneTestDatabase(), 'owner'), 1));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('matches the committed snapshot (npm run schema:snapshot rewrites it)', async () => {
    const now = await schemaSnapshot(ds);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, now);
    const committed = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, 'utf8') : '';
    const diff = (a: string, b: string) => a.split('\n').filter((l) => !b.split('\n').includes(l));
    const [notInSnapshot, goneFromSchema] = [diff(now, committed), diff(committed, now)];
    if (notInSnapshot.length + goneFromSchema.length > 0) {
      throw new Error(
        'migrations/schema.snapshot.txt disagrees with the migrated schema. If your migration meant this, run\n' +
          '    npm run schema:snapshot\n' +
          'and commit migrations/schema.snapshot.txt (review its diff: it is the schema change).\n' +
          `not in the snapshot:\n  ${notInSnapshot.join('\n  ') || '(none)'}\ngone from the schema:\n  ${goneFromSchema.join('\n  ') || '(none)'}`,
      );
    }
    const tables: { name: string }[] = await ds.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    for (const { name } of tables) expect([name, committed.includes(`\n${name}.`)]).toEqual([name, true]);
  });

  it('leads every primary key, unique key, foreign key and index of a per-union table with union_id', async () => {
    const rows: { table: string; what: string; first: string }[] = await ds.query(`
      WITH per_union AS (
        SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'union_id' AND NOT a.attisdropped))
      SELECT p.relname AS table, k.conname AS what, a.attname AS first
        FROM per_union p JOIN pg_constraint k ON k.conrelid = p.oid AND k.contype IN ('p', 'u', 'f')
        JOIN pg_attribute a ON a.attrelid = p.oid AND a.attnum = k.conkey[1]
      UNION ALL
      SELECT p.relname, ic.relname, coalesce(a.attname, pg_get_indexdef(i.indexrelid, 1, true))
        FROM per_union p JOIN pg_index i ON i.indrelid = p.oid JOIN pg_class ic ON ic.oid = i.indexrelid
        LEFT JOIN pg_attribute a ON a.attrelid = p.oid AND a.attnum = i.indkey[0]
      ORDER BY 1, 2`);
    expect(rows.length).toBeGreaterThan(50);
    const offending = rows.filter((r) => r.first !== 'union_id' && !NOT_PER_UNION[r.table]).map((r) => `${r.table}: ${r.what} leads with ${r.first}`);
    expect(offending).toEqual([]);
    // the exceptions are real tables and still need their reason
    const tables = new Set(rows.map((r) => r.table));
    for (const t of Object.keys(NOT_PER_UNION)) expect([t, tables.has(t)]).toEqual([t, true]);
  });

  it('chains exactly the tables the verifier compares, with the same key and exclusions', async () => {
    const triggers: { table: string; def: string }[] = await ds.query(`
      SELECT c.relname AS table, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE t.tgname = c.relname || '_zrecord' AND NOT t.tgisinternal ORDER BY 1`);
    const inDatabase = triggers.map((t) => {
      const [, union, key, exclude] = /ledger_record_row\('([^']*)', '([^']*)', '([^']*)'\)/.exec(t.def) ?? [];
      return { table: t.table, union, key: key?.split(','), exclude: exclude ? exclude.split(',') : [] };
    });
    const vouchers = inDatabase.find((t) => t.table === 'vouchers'); // its own trigger function, no arguments
    const declared = CHAINED_TABLES.map((t) => ({ table: t.table, union: t.union, key: t.key, exclude: t.exclude ?? [] })).sort((a, b) => a.table.localeCompare(b.table));
    expect(vouchers).toBeDefined();
    expect(inDatabase.filter((t) => t.table !== 'vouchers')).toEqual(declared.filter((t) => t.table !== 'vouchers'));
  });
});
