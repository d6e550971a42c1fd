import { PoolClient } from 'pg';
import { IntegrityReport } from '../../src/integrity/books-verifier';
import { CheckpointsService } from '../../src/integrity/checkpoints.service';
import { IntegrityService } from '../../src/integrity/integrity.service';
import { postVoucher, reverseVoucher } from './builders';
import { claimBody, claimUnion, postedClaim, reviewedClaim, submittedClaim } from './claims';
import { startTestApp, TestApp } from './test-app';

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
 * reversal, January closed, reopened and closed again, a paid and posted bank claim with a document, an
 * approved claim holding a reservation, a returned one whose reservation was released, a posted receipt.
 */
export async function busyBooks(t: TestApp) {
  const p = await claimUnion(t, { noDocumentRules: true });
  const u = p.unionId;
  await t.http().post(`/api/unions/${u}/opening-balances`).send({ lines: [{ account: '10201', debit: '8000.00' }, { account: '32205', credit: '8000.00' }] }).expect(200);
  const income = await postVoucher(t, u, '2026-01-09', [{ account: '10201', debit: '1000.00' }, { account: '402', credit: '1000.00' }]);
  const spent = await postVoucher(t, u, '2026-01-15', [{ account: '50105', debit: '30.00' }, { account: '10201', credit: '30.00' }]);
  const reversal = await reverseVoucher(t, u, spent.id, '2026-01-20');
  await t.http().post(`/api/unions/${u}/periods/2026-01/close`).expect(200);
  await t.reviewer().post(`/api/unions/${u}/periods/2026-01/reopen`).send({ reason: '补记' }).expect(200);
  await t.http().post(`/api/unions/${u}/periods/2026-01/close`).expect(200);
  const feb = await postVoucher(t, u, '2026-02-03', [{ account: '50105', debit: '12.50' }, { account: '101', credit: '12.50' }]);
  const paid = await postedClaim(t, p, claimBody('250.00'), { bankReference: 'B-1' });
  const receipt = (
    await p.cashier().post(`/api/unions/${u}/receipts`).set('Idempotency-Key', `receipt-${u}`)
      .send({ date: '2026-02-05', payer: '某某市总工会', kind: 'allocation', amount: '500.00', bankReference: 'ALLOC-T1' }).expect(201)
  ).body;
  await t.http().post(`/api/unions/${u}/receipts/${receipt.id}/post`).expect(200);
  const approved = await submittedClaim(t, p, claimBody('300.00'), []);
  await p.chair().post(`/api/unions/${u}/claims/${approved.id}/approve`).send({}).expect(200);
  const returned = await reviewedClaim(t, p, claimBody('40.00'));
  await p.accountant().post(`/api/unions/${u}/claims/${returned.id}/return`).send({ comment: '发票抬头不符' }).expect(200);
  const last = await postVoucher(t, u, '2026-02-10', [{ account: '50105', debit: '5.00' }, { account: '101', credit: '5.00' }]);
  return { p, unionId: u, income, spent, reversal, feb, last, claims: { paid: paid.id as string, approved: approved.id as string, returned: returned.id as string } };
}

export type BusyBooks = Awaited<ReturnType<typeof busyBooks>>;

/**
 * A tamper suite's frame: one app with busy books signed by a checkpoint, verified clean first; after each
 * test the union's rows are put back and verification must be clean again.
 */
export function tamperSuite() {
  const s = {} as { t: TestApp; books: BusyBooks; u: string; state: UnionState };
  const verify = (): Promise<IntegrityReport> => s.t.app.get(IntegrityService).verify(s.u);
  const clean = async () => {
    const r = await verify();
    expect({ ok: r.ok, report: r.ok ? null : r }).toEqual({ ok: true, report: null });
    return r;
  };
  beforeAll(async () => {
    s.t = await startTestApp({ env: { CHECKPOINT_INTERVAL_MINUTES: '0' } });
    s.books = await busyBooks(s.t);
    s.u = s.books.unionId;
    await s.t.app.get(CheckpointsService).checkpointAll();
    const first = await clean();
    expect([first.audit.checkpoint, first.records.checkpoint]).toEqual([expect.any(Object), expect.any(Object)]);
    s.state = await saveUnion(s.t, s.u);
  });
  afterEach(async () => {
    await restoreUnion(s.t, s.u, s.state);
    await clean();
  });
  afterAll(() => s.t.close());
  return {
    s,
    verify,
    tamper: (...statements: string[]) => tamper(s.t, s.u, ...statements),
    mismatch: (r: IntegrityReport, kind: string, problem: string, field?: string) =>
      expect(r.records.mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ kind, problem, ...(field ? { field } : {}) })])),
    semantic: (r: IntegrityReport, check: string) => expect(r.semantics.problems.map((p) => p.check)).toContain(check),
  };
}

/** SQL that recomputes a union's audit chain with whatever ledger_audit_content now says, and its head. */
export function recomputeAudit(unionId: string): string {
  return `DO $$
    DECLARE r audit_log; prev char(64) := repeat('0', 64); h char(64);
    BEGIN
      FOR r IN SELECT * FROM audit_log WHERE union_id = '${unionId}' ORDER BY seq LOOP
        h := encode(sha256(convert_to(prev || ledger_audit_content(r), 'UTF8')), 'hex');
        UPDATE audit_log SET prev_hash = prev, hash = h WHERE union_id = r.union_id AND seq = r.seq;
        prev := h;
      END LOOP;
      UPDATE chain_heads SET hash = prev WHERE union_id = '${unionId}' AND chain = 'audit';
    END $$`;
}

/** SQL that recomputes a union's books chain from its stored records, and its head. */
export function recomputeRecords(unionId: string): string {
  return `DO $$
    DECLARE r chain_records; prev char(64) := repeat('0', 64); h char(64);
    BEGIN
      FOR r IN SELECT * FROM chain_records WHERE union_id = '${unionId}' ORDER BY seq LOOP
        h := encode(sha256(convert_to(prev || jsonb_build_array(r.tx_id, r.kind, r.entity_key, r.op, r.snapshot)::text, 'UTF8')), 'hex');
        UPDATE chain_records SET prev_hash = prev, hash = h WHERE union_id = r.union_id AND seq = r.seq;
        prev := h;
      END LOOP;
      UPDATE chain_heads SET hash = prev WHERE union_id = '${unionId}' AND chain = 'records';
    END $$`;
}
