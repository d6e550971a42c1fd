import { PoolClient } from 'pg';
import { postVoucher } from './builders';
import { claimBody, claimUnion, reviewedClaim, submittedClaim } from './claims';
import { TestApp } from './test-app';

/** Every row of one union, table by table, as jsonb text (no digit lost), to put them back after tampering. */
export type UnionState = Map<string, string>;

/** Tables that hold a union's rows, and the column naming the union. */
async function unionTables(t: TestApp): Promise<[string, string][]> {
  const { rows } = await t.sql.query<{ table: string; col: string }>(
    `SELECT c.table_name AS table, c.column_name AS col FROM information_schema.columns c
       JOIN information_schema.tables x ON x.table_schema = c.table_schema AND x.table_name = c.table_name AND x.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND (c.column_name = 'union_id' OR (c.table_name = 'unions' AND c.column_name = 'id'))
      ORDER BY 1`,
  );
  return rows.map((r) => [r.table, r.col]);
}

export async function saveUnion(t: TestApp, unionId: string): Promise<UnionState> {
  const state: UnionState = new Map();
  for (const [table, col] of await unionTables(t)) {
    const { rows } = await t.sql.query(`SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]')::text AS rows FROM ${table} x WHERE ${col} = $1`, [unionId]);
    state.set(table, rows[0].rows);
  }
  return state;
}

/** As the superuser with every trigger off (session_replication_role = replica), in one transaction. */
export async function asSuperuserWithoutTriggers(t: TestApp, work: (c: PoolClient) => Promise<void>): Promise<void> {
  const c = await t.sql.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    await work(c);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

/** Runs tampering statements ($1 is the union). */
export function tamper(t: TestApp, unionId: string, ...statements: string[]): Promise<void> {
  return asSuperuserWithoutTriggers(t, async (c) => {
    for (const sql of statements) await c.query(sql, sql.includes('$1') ? [unionId] : []);
  });
}

/** Puts back every row of the union exactly as saved. */
export async function restoreUnion(t: TestApp, unionId: string, state: UnionState): Promise<void> {
  await asSuperuserWithoutTriggers(t, async (c) => {
    for (const [table, rows] of state) {
      const col = table === 'unions' ? 'id' : 'union_id';
      await c.query(`DELETE FROM ${table} WHERE ${col} = $1`, [unionId]);
      await c.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, $1::jsonb)`, [rows]);
    }
  });
}

/**
 * One union with a little of everything the chains cover: opening balances, vouchers in two months, a
 * reversal, January closed, reopened and closed again, a paid bank claim with a document, an approved claim
 * holding a reservation, a returned one whose reservation was released.
 */
export async function busyBooks(t: TestApp) {
  const p = await claimUnion(t, { noDocumentRules: true });
  const u = p.unionId;
  await t.http().post(`/api/unions/${u}/opening-balances`).send({ lines: [{ account: '10201', debit: '8000.00' }, { account: '32205', credit: '8000.00' }] }).expect(200);
  const income = await postVoucher(t, u, '2026-01-09', [{ account: '10201', debit: '1000.00' }, { account: '402', credit: '1000.00' }]);
  const spent = await postVoucher(t, u, '2026-01-15', [{ account: '50105', debit: '30.00' }, { account: '10201', credit: '30.00' }]);
  const reversal = (await t.http().post(`/api/unions/${u}/vouchers/${spent.id}/reverse`).send({ date: '2026-01-20' }).expect(201)).body;
  await t.http().post(`/api/unions/${u}/periods/2026-01/close`).expect(200);
  await t.reviewer().post(`/api/unions/${u}/periods/2026-01/reopen`).send({ reason: '补记' }).expect(200);
  await t.http().post(`/api/unions/${u}/periods/2026-01/close`).expect(200);
  const feb = await postVoucher(t, u, '2026-02-03', [{ account: '50105', debit: '12.50' }, { account: '101', credit: '12.50' }]);
  const paid = await reviewedClaim(t, p, claimBody('250.00'));
  await p.cashier().post(`/api/unions/${u}/claims/${paid.id}/pay`).set('Idempotency-Key', `pay-${paid.id}`).send({ bankReference: 'B-1' }).expect(200);
  const approved = await submittedClaim(t, p, claimBody('300.00'), []);
  await p.chair().post(`/api/unions/${u}/claims/${approved.id}/approve`).send({}).expect(200);
  const returned = await reviewedClaim(t, p, claimBody('40.00'));
  await p.accountant().post(`/api/unions/${u}/claims/${returned.id}/return`).send({ comment: '发票抬头不符' }).expect(200);
  const last = await postVoucher(t, u, '2026-02-10', [{ account: '50105', debit: '5.00' }, { account: '101', credit: '5.00' }]);
  return { p, unionId: u, income, spent, reversal, feb, last, claims: { paid: paid.id as string, approved: approved.id as string, returned: returned.id as string } };
}
