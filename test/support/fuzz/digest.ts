import { Pool } from 'pg';

/**
 * Tables a refused request may legitimately change, each with the reason. Everything else in the schema —
 * books, claims, users, grants, tokens, the audit trail — must be exactly as it was.
 */
const LEGITIMATE: Record<string, { exclude?: true; where?: string; why: string }> = {
  login_throttle: { exclude: true, why: 'a wrong password counts against the name tried' },
  audit_log: { where: `action <> 'auth.login.failed'`, why: 'failed logins are audited' },
  chain_heads: { where: `union_id <> '00000000-0000-0000-0000-000000000000'`, why: "failed logins advance the service chain's head" },
  job_leases: { exclude: true, why: 'the job queue\'s own leases (maintenance), not data of any union' },
  export_jobs: { exclude: true, why: 'export jobs progress in the background, whatever the request in flight' },
  migrations: { exclude: true, why: 'not data' },
};

export interface StateDigest {
  /** table → md5 of its rows (order ignored) */
  tables: Map<string, string>;
}

/**
 * A digest of every table of the schema (public), row order ignored. Hashing every table after every request
 * would dominate the run, so the test database notes which tables committed statements wrote (a statement
 * trigger per table, installed here, in this test's own database); only those are hashed again. A changed
 * digest is a changed state; a write that left the rows as they were is not.
 */
export async function stateDigest(sql: Pool): Promise<() => Promise<StateDigest>> {
  const { rows } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables = rows.map((r) => r.table_name).filter((t) => !LEGITIMATE[t]?.exclude);
  await sql.query(`CREATE TABLE fuzz_writes (id bigserial PRIMARY KEY, tbl text NOT NULL)`);
  await sql.query(`CREATE FUNCTION fuzz_note() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    BEGIN INSERT INTO fuzz_writes (tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END $$`);
  for (const t of tables) {
    await sql.query(`CREATE TRIGGER zz_fuzz_note AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION fuzz_note()`);
  }
  const where = (t: string) => (LEGITIMATE[t]?.where ? `WHERE ${LEGITIMATE[t].where}` : '');
  const hashOf = async (t: string) =>
    (await sql.query<{ h: string }>(`SELECT md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM ${t} x ${where(t)}`)).rows[0].h;

  const hashes = new Map<string, string>();
  for (const t of tables) hashes.set(t, await hashOf(t));
  let seen = 0;
  return async () => {
    const { rows: written } = await sql.query<{ id: string; tbl: string }>(`SELECT id, tbl FROM fuzz_writes WHERE id > $1`, [seen]);
    for (const t of new Set(written.map((w) => w.tbl))) hashes.set(t, await hashOf(t));
    if (written.length > 0) seen = Math.max(...written.map((w) => Number(w.id)));
    return { tables: new Map(hashes) };
  };
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: StateDigest, after: StateDigest): string[] {
  return [...after.tables].filter(([t, h]) => before.tables.get(t) !== h).map(([t]) => t);
}
