import { Client } from 'pg';
import { createApp } from '../../src/app.setup';
import { OWNER_ROLE, SERVICE_ROLE } from '../../src/database/database-roles';
import { newUnion, postVoucher } from '../support/builders';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

/** What the service's own database role can and cannot do: it cannot switch the guards off. */
describe('least privilege', () => {
  let t: TestApp;
  let service: Client;
  beforeAll(async () => {
    t = await startTestApp();
    service = new Client({ connectionString: t.serviceUrl });
    await service.connect();
  });
  afterAll(async () => {
    await service.end();
    await t.close();
  });

  /** The SQLSTATE a statement fails with, run as the service role (each in its own transaction). */
  const refusal = async (sql: string, params: unknown[] = []): Promise<string> => {
    await service.query('BEGIN');
    try {
      await service.query(sql, params);
      return 'accepted';
    } catch (err) {
      return (err as { code: string }).code;
    } finally {
      await service.query('ROLLBACK');
    }
  };

  it('the app under test is logged in as the service role, which owns nothing and is no superuser', async () => {
    const [me] = (await service.query(`SELECT current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user`)).rows;
    expect(me).toEqual({ role: SERVICE_ROLE, rolsuper: false });
    const owned = await t.sql.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [SERVICE_ROLE],
    );
    expect(owned.rows[0].n).toBe(0);
    const notOwner = await t.sql.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') AND r.rolname <> $1`,
      [OWNER_ROLE],
    );
    expect(notOwner.rows).toEqual([]);
    const sessions = await t.sql.query(`SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'union-ledger'`, [t.database]);
    expect(sessions.rows.map((r) => r.usename)).toEqual([SERVICE_ROLE]);
  });

  it('cannot disable triggers, update a posted line or replace the audit content function', async () => {
    const u = await newUnion(t);
    const v = await postVoucher(t, u.id, '2026-01-05', [{ account: '101', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    const denied = '42501'; // insufficient_privilege
    expect(await refusal(`ALTER TABLE voucher_lines DISABLE TRIGGER ALL`)).toBe(denied);
    expect(await refusal(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`)).toBe(denied);
    expect(await refusal(`SET session_replication_role = replica`)).toBe(denied);
    expect(await refusal(`UPDATE voucher_lines SET debit = 99 WHERE union_id = $1 AND voucher_id = $2 AND line_no = 1`, [u.id, v.id])).toBe(denied);
    expect(await refusal(`DELETE FROM vouchers WHERE union_id = $1`, [u.id])).toBe(denied);
    expect(
      await refusal(`CREATE OR REPLACE FUNCTION ledger_audit_content(a audit_log) RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'forged' $$`),
    ).toBe(denied);
    expect(await refusal(`CREATE FUNCTION ledger_shadow() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$`)).toBe(denied);
    expect(await refusal(`CREATE TEMP TABLE account_balances (x int)`)).toBe(denied);
    expect(await refusal(`DROP TRIGGER vouchers_check ON vouchers`)).toBe(denied);
    // what only the owner's triggers write
    expect(await refusal(`UPDATE account_balances SET closing = closing + 1 WHERE union_id = $1`, [u.id])).toBe(denied);
    expect(await refusal(`UPDATE chain_heads SET seq = 1 WHERE union_id = $1`, [u.id])).toBe(denied);
    expect(await refusal(`INSERT INTO voucher_sequences (union_id, period, voucher_type, last_number) VALUES ($1, 202602, 'general', 1)`, [u.id])).toBe(denied);
    expect(await refusal(`SELECT ledger_chain_advance($1, 'audit')`, [u.id])).toBe(denied);
    expect(await refusal(`SELECT ledger_record_append($1, 'vouchers', 'x', 'insert', '{}')`, [u.id])).toBe(denied);
    expect(await refusal(`INSERT INTO chain_records (union_id, seq, tx_id, kind, entity_key, op, snapshot, prev_hash, hash) VALUES ($1, 999, 1, 'vouchers', 'x', 'insert', '{}', '', '')`, [u.id])).toBe(denied);
    expect(await refusal(`TRUNCATE audit_log`)).toBe(denied);
  });

  it('has no UPDATE, DELETE or TRUNCATE on any append-only table, and no TRUNCATE anywhere', async () => {
    const { rows } = await t.sql.query(
      `SELECT c.relname AS "table",
              has_table_privilege($1, c.oid, 'UPDATE') AS upd, has_table_privilege($1, c.oid, 'DELETE') AS del,
              has_table_privilege($1, c.oid, 'TRUNCATE') AS trunc, has_table_privilege($1, c.oid, 'TRIGGER') AS trig
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      [SERVICE_ROLE],
    );
    const appendOnly = [
      'vouchers', 'voucher_lines', 'voucher_reversals', 'period_events', 'audit_log', 'voucher_chain', 'chain_records', 'claim_events',
      'chain_heads', 'account_balances', 'voucher_sequences',
    ];
    for (const r of rows) {
      expect({ table: r.table, truncate: r.trunc, trigger: r.trig }).toEqual({ table: r.table, truncate: false, trigger: false });
      if (appendOnly.includes(r.table)) expect({ table: r.table, update: r.upd, delete: r.del }).toEqual({ table: r.table, update: false, delete: false });
    }
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(appendOnly));
  });

  it('runs every SECURITY DEFINER function with a fixed search path, callable by nobody else', async () => {
    const { rows } = await t.sql.query(
      `SELECT p.oid::regprocedure::text AS fn, p.proconfig, has_function_privilege($1, p.oid, 'EXECUTE') AS callable, r.rolname AS owner
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
        WHERE n.nspname = 'public' AND p.prosecdef`,
      [SERVICE_ROLE],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect({ fn: r.fn, owner: r.owner, callable: r.callable, config: r.proconfig }).toEqual({
        fn: r.fn,
        owner: OWNER_ROLE,
        callable: false,
        config: expect.arrayContaining(['search_path=public, pg_temp']),
      });
    }
  });

  it('moves opening balances into the balance rows by the owner\'s trigger, and locks them once the union posts', async () => {
    const u = await newUnion(t);
    await t.http().post(`/api/unions/${u.id}/opening-balances`).send({ lines: [{ account: '101', debit: '500.00' }, { account: '32205', credit: '500.00' }] }).expect(200);
    const rows = async () =>
      (await t.sql.query(`SELECT account_code, period, opening::text, closing::text FROM account_balances WHERE union_id = $1 ORDER BY 1`, [u.id])).rows;
    expect(await rows()).toEqual([
      { account_code: '101', period: 202601, opening: '500.00', closing: '500.00' },
      { account_code: '32205', period: 202601, opening: '-500.00', closing: '-500.00' },
    ]);
    await t.http().post(`/api/unions/${u.id}/opening-balances`).send({ lines: [{ account: '101', debit: '80.00' }, { account: '32205', credit: '80.00' }] }).expect(200);
    expect((await rows()).map((r) => r.closing)).toEqual(['80.00', '-80.00']);
    await postVoucher(t, u.id, '2026-01-05', [{ account: '101', debit: '10.00' }, { account: '402', credit: '10.00' }]);
    // even a superuser's plain SQL is refused once the books have started
    await expect(t.sql.query(`DELETE FROM opening_balances WHERE union_id = $1`, [u.id])).rejects.toMatchObject({ code: 'UL010' });
    await expect(t.sql.query(`UPDATE opening_balances SET amount = 90 WHERE union_id = $1 AND account_code = '101'`, [u.id])).rejects.toMatchObject({ code: 'UL010' });
  });

  it('refuses to start as a superuser unless told to', async () => {
    const boot = (env: Record<string, string>) => {
      Object.assign(process.env, env);
      return createApp({ database: { url: t.url, embedded: false }, jwtSecret: TEST_JWT_SECRET }, { swagger: false })
        .then(async (app) => {
          await app.init();
          await app.close();
          return 'started';
        })
        .catch((err: Error) => err.message)
        .finally(() => {
          for (const k of Object.keys(env)) delete process.env[k];
        });
    };
    expect(await boot({})).toMatch(/superuser.*DATABASE_ALLOW_PRIVILEGED_ROLE/s);
    expect(await boot({ DATABASE_ALLOW_PRIVILEGED_ROLE: 'true' })).toBe('started');
  });
});
