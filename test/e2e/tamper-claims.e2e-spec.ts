import { recomputeRecords, tamperSuite } from '../support/tamper';

/**
 * The tamper suite, claims half (issue 15): claims, their lines, documents and history, and the fund
 * reservations behind them, each changed behind the service's back as a superuser with triggers off, is
 * found by verification; verification is clean again once the rows are back.
 */
describe('tamper suite: claims and reservations', () => {
  const { s, verify, tamper, mismatch, semantic } = tamperSuite();
  const reservationOf = (claim: string) => `(SELECT reservation_id FROM claims WHERE union_id = $1 AND id = '${claim}')`;

  it('C1. a paid and posted claim\'s amount and payee changed', async () => {
    await tamper(`UPDATE claims SET amount = 2500, payee_account = '6222999988887777' WHERE union_id = $1 AND id = '${s.books.claims.paid}'`);
    const r = await verify();
    mismatch(r, 'claims', 'altered');
    semantic(r, 'claim-reservation'); // 2500 paid from a reservation of 250
  });

  it('C2. who approved a claim rewritten in its history', async () => {
    await tamper(`UPDATE claim_events SET actor_name = '另一人', actor_id = NULL WHERE union_id = $1 AND claim_id = '${s.books.claims.paid}' AND action = 'approve'`);
    mismatch(await verify(), 'claim_events', 'altered');
  });

  it('C3. a step of a claim\'s history deleted', async () => {
    await tamper(`DELETE FROM claim_events WHERE union_id = $1 AND claim_id = '${s.books.claims.returned}' AND action = 'return'`);
    mismatch(await verify(), 'claim_events', 'missing');
  });

  it('C4. an open reservation cut down (more money looks free)', async () => {
    await tamper(`UPDATE fund_reservations SET amount = 1 WHERE union_id = $1 AND id = ${reservationOf(s.books.claims.approved)}`);
    const r = await verify();
    mismatch(r, 'fund_reservations', 'altered', 'amount');
    semantic(r, 'claim-reservation');
  });

  it('C5. a consumed reservation opened again', async () => {
    await tamper(`UPDATE fund_reservations SET status = 'open', closed_at = NULL WHERE union_id = $1 AND id = ${reservationOf(s.books.claims.paid)}`);
    const r = await verify();
    mismatch(r, 'fund_reservations', 'altered', 'status');
    semantic(r, 'claim-reservation');
  });

  it('C6. a released reservation deleted', async () => {
    await tamper(`DELETE FROM fund_reservations WHERE union_id = $1 AND status = 'released'`);
    mismatch(await verify(), 'fund_reservations', 'missing');
  });

  it('C7. a posted claim pointed at another voucher', async () => {
    await tamper(`UPDATE claims SET voucher_id = '${s.books.income.id}', payment_voucher_id = '${s.books.income.id}' WHERE union_id = $1 AND id = '${s.books.claims.paid}'`);
    const r = await verify();
    mismatch(r, 'claims', 'altered', 'voucher_id');
    semantic(r, 'paid-claim-voucher');
    semantic(r, 'claim-voucher-orphan');
  });

  it('C8. a claim marked paid and posted with no payment', async () => {
    await tamper(
      `UPDATE claims SET status = 'posted', paid_at = now(), voucher_id = '${s.books.feb.id}', payment_voucher_id = '${s.books.feb.id}' WHERE union_id = $1 AND id = '${s.books.claims.approved}'`,
    );
    const r = await verify();
    mismatch(r, 'claims', 'altered', 'status');
    semantic(r, 'paid-claim-voucher');
    semantic(r, 'claim-reservation');
  });

  it('C9. a document\'s file swapped, its hash left as it was', async () => {
    await tamper(`UPDATE claim_attachments SET content = convert_to(repeat('x', size), 'UTF8') WHERE union_id = $1 AND claim_id = '${s.books.claims.paid}'`);
    mismatch(await verify(), 'claim_attachments', 'altered', 'content');
  });

  it('C10. a claim line raised', async () => {
    await tamper(`UPDATE claim_lines SET amount = amount * 10, unit_price = unit_price * 10 WHERE union_id = $1 AND claim_id = '${s.books.claims.paid}'`);
    mismatch(await verify(), 'claim_lines', 'altered');
  });

  it('C11. a claim deleted with its history', async () => {
    await tamper(
      `DELETE FROM claim_events WHERE union_id = $1 AND claim_id = '${s.books.claims.returned}'`,
      `DELETE FROM claim_lines WHERE union_id = $1 AND claim_id = '${s.books.claims.returned}'`,
      `DELETE FROM claim_attachments WHERE union_id = $1 AND claim_id = '${s.books.claims.returned}'`,
      `DELETE FROM document_registry WHERE union_id = $1 AND claim_id = '${s.books.claims.returned}'`,
      `DELETE FROM claims WHERE union_id = $1 AND id = '${s.books.claims.returned}'`,
    );
    const r = await verify();
    mismatch(r, 'claims', 'missing');
    mismatch(r, 'claim_events', 'missing');
  });

  it('C12. a reservation slipped in without a record', async () => {
    await tamper(
      `INSERT INTO fund_reservations (union_id, id, source_type, source_id, amount, status) VALUES ($1, gen_random_uuid(), 'claim', gen_random_uuid(), 100, 'open')`,
    );
    const r = await verify();
    mismatch(r, 'fund_reservations', 'unrecorded');
    semantic(r, 'reservation-orphan');
  });

  it('C13. a reservation above the funds forged into the chain (caught by the replay)', async () => {
    await tamper(
      `UPDATE fund_reservations SET amount = 99999 WHERE union_id = $1 AND id = ${reservationOf(s.books.claims.approved)}`,
      `UPDATE claims SET amount = 99999 WHERE union_id = $1 AND id = '${s.books.claims.approved}'`,
      `UPDATE chain_records SET snapshot = jsonb_set(snapshot, '{amount}', '99999.00')
        WHERE union_id = $1 AND kind IN ('fund_reservations', 'claims')
          AND entity_key IN ('${s.books.claims.approved}', ${reservationOf(s.books.claims.approved)}::text)`,
      recomputeRecords(s.u),
    );
    const r = await verify();
    expect(r.records.mismatches).toEqual([]);
    semantic(r, 'funds-negative');
    expect(r.records.breaks.map((b) => b.problem)).toContain('checkpoint-mismatch');
  });
});
