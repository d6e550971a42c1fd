import { IntegrityReport } from '../../src/integrity/books-verifier';
import { CheckpointsService } from '../../src/integrity/checkpoints.service';
import { IntegrityService } from '../../src/integrity/integrity.service';
import { busyBooks, restoreUnion, saveUnion, tamper, UnionState } from '../support/tamper';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The tamper suite, claims half (issue 15): claims, their lines, documents and history, and the fund
 * reservations behind them, each changed behind the service's back as a superuser with triggers off, is
 * found by verification; verification is clean again once the rows are back.
 */
describe('tamper suite: claims and reservations', () => {
  let t: TestApp;
  let books: Awaited<ReturnType<typeof busyBooks>>;
  let u: string;
  let state: UnionState;
  const verify = (): Promise<IntegrityReport> => t.app.get(IntegrityService).verify(u);

  beforeAll(async () => {
    t = await startTestApp({ env: { CHECKPOINT_INTERVAL_MINUTES: '0' } });
    books = await busyBooks(t);
    u = books.unionId;
    await t.app.get(CheckpointsService).checkpointAll();
    const first = await verify();
    expect({ ok: first.ok, report: first.ok ? null : first }).toEqual({ ok: true, report: null });
    state = await saveUnion(t, u);
  });
  afterEach(async () => {
    await restoreUnion(t, u, state);
    const clean = await verify();
    expect({ ok: clean.ok, report: clean.ok ? null : clean }).toEqual({ ok: true, report: null });
  });
  afterAll(() => t.close());

  const mismatch = (r: IntegrityReport, kind: string, problem: string, field?: string) =>
    expect(r.records.mismatches).toEqual(expect.arrayContaining([expect.objectContaining({ kind, problem, ...(field ? { field } : {}) })]));
  const semantic = (r: IntegrityReport, check: string) => expect(r.semantics.problems.map((p) => p.check)).toContain(check);
  const reservationOf = (claim: string) => `(SELECT reservation_id FROM claims WHERE union_id = $1 AND id = '${claim}')`;

  it('C1. a paid claim\'s amount and payee changed', async () => {
    await tamper(t, u, `UPDATE claims SET amount = 2500, payee_account = '6222999988887777' WHERE union_id = $1 AND id = '${books.claims.paid}'`);
    const r = await verify();
    mismatch(r, 'claims', 'altered');
    semantic(r, 'claim-reservation'); // 2500 paid from a reservation of 250
  });

  it('C2. who approved a claim rewritten in its history', async () => {
    await tamper(t, u, `UPDATE claim_events SET actor_name = '另一人', actor_id = NULL WHERE union_id = $1 AND claim_id = '${books.claims.paid}' AND action = 'approve'`);
    mismatch(await verify(), 'claim_events', 'altered');
  });

  it('C3. a step of a claim\'s history deleted', async () => {
    await tamper(t, u, `DELETE FROM claim_events WHERE union_id = $1 AND claim_id = '${books.claims.returned}' AND action = 'return'`);
    mismatch(await verify(), 'claim_events', 'missing');
  });

  it('C4. an open reservation cut down (more money looks free)', async () => {
    await tamper(t, u, `UPDATE fund_reservations SET amount = 1 WHERE union_id = $1 AND id = ${reservationOf(books.claims.approved)}`);
    const r = await verify();
    mismatch(r, 'fund_reservations', 'altered', 'amount');
    semantic(r, 'claim-reservation');
  });

  it('C5. a consumed reservation opened again', async () => {
    await tamper(t, u, `UPDATE fund_reservations SET status = 'open', closed_at = NULL WHERE union_id = $1 AND id = ${reservationOf(books.claims.paid)}`);
    const r = await verify();
    mismatch(r, 'fund_reservations', 'altered', 'status');
    semantic(r, 'claim-reservation');
  });

  it('C6. a released reservation deleted', async () => {
    await tamper(t, u, `DELETE FROM fund_reservations WHERE union_id = $1 AND status = 'released'`);
    mismatch(await verify(), 'fund_reservations', 'missing');
  });

  it('C7. a paid claim pointed at another voucher', async () => {
    await tamper(t, u, `UPDATE claims SET voucher_id = '${books.income.id}' WHERE union_id = $1 AND id = '${books.claims.paid}'`);
    const r = await verify();
    mismatch(r, 'claims', 'altered', 'voucher_id');
    semantic(r, 'paid-claim-voucher');
    semantic(r, 'claim-voucher-orphan');
  });

  it('C8. a claim marked paid with no payment', async () => {
    await tamper(
      t,
      u,
      `UPDATE claims SET status = 'paid', paid_at = now(), voucher_id = '${books.feb.id}' WHERE union_id = $1 AND id = '${books.claims.approved}'`,
    );
    const r = await verify();
    mismatch(r, 'claims', 'altered', 'status');
    semantic(r, 'paid-claim-voucher');
    semantic(r, 'claim-reservation');
  });

  it('C9. a document\'s file swapped, its hash left as it was', async () => {
    await tamper(t, u, `UPDATE claim_attachments SET content = convert_to(repeat('x', size), 'UTF8') WHERE union_id = $1 AND claim_id = '${books.claims.paid}'`);
    mismatch(await verify(), 'claim_attachments', 'altered', 'content');
  });

  it('C10. a claim line raised', async () => {
    await tamper(t, u, `UPDATE claim_lines SET amount = amount * 10, unit_price = unit_price * 10 WHERE union_id = $1 AND claim_id = '${books.claims.paid}'`);
    mismatch(await verify(), 'claim_lines', 'altered');
  });

  it('C11. a claim deleted with its history', async () => {
    await tamper(
      t,
      u,
      `DELETE FROM claim_events WHERE union_id = $1 AND claim_id = '${books.claims.returned}'`,
      `DELETE FROM claim_lines WHERE union_id = $1 AND claim_id = '${books.claims.returned}'`,
      `DELETE FROM claim_attachments WHERE union_id = $1 AND claim_id = '${books.claims.returned}'`,
      `DELETE FROM document_registry WHERE union_id = $1 AND claim_id = '${books.claims.returned}'`,
      `DELETE FROM claims WHERE union_id = $1 AND id = '${books.claims.returned}'`,
    );
    const r = await verify();
    mismatch(r, 'claims', 'missing');
    mismatch(r, 'claim_events', 'missing');
  });

  it('C12. a reservation slipped in without a record', async () => {
    await tamper(
      t,
      u,
      `INSERT INTO fund_reservations (union_id, id, source_type, source_id, amount, status) VALUES ($1, gen_random_uuid(), 'claim', gen_random_uuid(), 100, 'open')`,
    );
    const r = await verify();
    mismatch(r, 'fund_reservations', 'unrecorded');
    semantic(r, 'reservation-orphan');
  });

  it('C13. a reservation above the funds forged into the chain (caught by the replay)', async () => {
    await tamper(
      t,
      u,
      `UPDATE fund_reservations SET amount = 99999 WHERE union_id = $1 AND id = ${reservationOf(books.claims.approved)}`,
      `UPDATE claims SET amount = 99999 WHERE union_id = $1 AND id = '${books.claims.approved}'`,
      `UPDATE chain_records SET snapshot = jsonb_set(snapshot, '{amount}', '99999.00')
        WHERE union_id = $1 AND kind IN ('fund_reservations', 'claims')
          AND entity_key IN ('${books.claims.approved}', ${reservationOf(books.claims.approved)}::text)`,
      `DO $$
        DECLARE r chain_records; prev char(64) := repeat('0', 64); h char(64);
        BEGIN
          FOR r IN SELECT * FROM chain_records WHERE union_id = '${u}' ORDER BY seq LOOP
            h := encode(sha256(convert_to(prev || jsonb_build_array(r.tx_id, r.kind, r.entity_key, r.op, r.snapshot)::text, 'UTF8')), 'hex');
            UPDATE chain_records SET prev_hash = prev, hash = h WHERE union_id = r.union_id AND seq = r.seq;
            prev := h;
          END LOOP;
          UPDATE chain_heads SET hash = prev WHERE union_id = '${u}' AND chain = 'records';
        END $$`,
    );
    const r = await verify();
    expect(r.records.mismatches).toEqual([]);
    semantic(r, 'funds-negative');
    expect(r.records.breaks.map((b) => b.problem)).toContain('checkpoint-mismatch');
  });
});
