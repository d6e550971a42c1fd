import { reverseVoucher } from '../support/builders';
import { recomputeAudit, recomputeRecords, tamperSuite } from '../support/tamper';

/**
 * The tamper suite, ledger half (issue 15): each kind of tampering a database superuser can do with every
 * trigger off (session_replication_role = replica) is found by verification, and verification is clean
 * again once the rows are put back. The chains were signed (a checkpoint) before any tampering.
 */
describe('tamper suite: the ledger', () => {
  const { s, verify, tamper, mismatch, semantic } = tamperSuite();
  const breaks = (c: { breaks: { problem: string }[] }) => c.breaks.map((b) => b.problem);

  it('1. a posted amount raised on both sides, balances adjusted to match', async () => {
    await tamper(
      `UPDATE voucher_lines SET debit = debit + 1000 WHERE union_id = $1 AND voucher_id = '${s.books.income.id}' AND line_no = 1`,
      `UPDATE voucher_lines SET credit = credit + 1000 WHERE union_id = $1 AND voucher_id = '${s.books.income.id}' AND line_no = 2`,
      `UPDATE account_balances SET debit = debit + 1000, closing = closing + 1000 WHERE union_id = $1 AND account_code = '10201' AND period = 202601`,
      `UPDATE account_balances SET opening = opening + 1000, closing = closing + 1000 WHERE union_id = $1 AND account_code = '10201' AND period > 202601`,
      `UPDATE account_balances SET credit = credit + 1000, closing = closing - 1000 WHERE union_id = $1 AND account_code = '402' AND period = 202601`,
      `UPDATE account_balances SET opening = opening - 1000, closing = closing - 1000 WHERE union_id = $1 AND account_code = '402' AND period > 202601`,
    );
    const r = await verify();
    expect(r.balances.ok).toBe(true); // the attacker kept the balances consistent…
    mismatch(r, 'vouchers', 'altered', 'lines[0].debit'); // …the record of the voucher did not move
  });

  it('2. a voucher in the middle deleted with its lines', async () => {
    await tamper(`DELETE FROM voucher_lines WHERE union_id = $1 AND voucher_id = '${s.books.feb.id}'`, `DELETE FROM vouchers WHERE union_id = $1 AND id = '${s.books.feb.id}'`);
    const r = await verify();
    mismatch(r, 'vouchers', 'missing');
    expect(r.numbering.ok).toBe(false);
  });

  it('3. the last posted voucher deleted, its number given back and the balances put back', async () => {
    await tamper(
      `DELETE FROM voucher_lines WHERE union_id = $1 AND voucher_id = '${s.books.last.id}'`,
      `DELETE FROM vouchers WHERE union_id = $1 AND id = '${s.books.last.id}'`,
      `UPDATE voucher_sequences SET last_number = last_number - 1 WHERE union_id = $1 AND period = 202602`,
      `UPDATE account_balances SET debit = debit - 5, closing = closing - 5 WHERE union_id = $1 AND account_code = '50105' AND period = 202602`,
      `UPDATE account_balances SET opening = opening - 5, closing = closing - 5 WHERE union_id = $1 AND account_code = '50105' AND period > 202602`,
      `UPDATE account_balances SET credit = credit - 5, closing = closing + 5 WHERE union_id = $1 AND account_code = '101' AND period = 202602`,
      `UPDATE account_balances SET opening = opening + 5, closing = closing + 5 WHERE union_id = $1 AND account_code = '101' AND period > 202602`,
    );
    const r = await verify();
    expect([r.balances.ok, r.numbering.ok]).toEqual([true, true]);
    mismatch(r, 'vouchers', 'missing');
  });

  it('4. a voucher slipped in without a record (balanced, numbered, balances adjusted)', async () => {
    await tamper(
      `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, preparer, posted_by)
       VALUES ($1, '01900000-0000-7000-8000-00000000f00d', '2026-02-11', 202602, 'general',
               (SELECT max(number) + 1 FROM vouchers WHERE union_id = $1 AND period = 202602), 'x', 'y')`,
      `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
       VALUES ($1, '01900000-0000-7000-8000-00000000f00d', 1, '2026-02-11', 's', '50105', 7, 0),
              ($1, '01900000-0000-7000-8000-00000000f00d', 2, '2026-02-11', 's', '101', 0, 7)`,
      `UPDATE voucher_sequences SET last_number = last_number + 1 WHERE union_id = $1 AND period = 202602`,
    );
    mismatch(await verify(), 'vouchers', 'unrecorded');
  });

  it('5. an audit record rewritten', async () => {
    await tamper(`UPDATE audit_log SET username = 'someone-else' WHERE union_id = $1 AND action = 'period.reopen'`);
    expect(breaks((await verify()).audit)).toContain('content-altered');
  });

  it('6. an audit record deleted in the middle', async () => {
    await tamper(`DELETE FROM audit_log WHERE union_id = $1 AND action = 'period.reopen'`);
    expect(breaks((await verify()).audit)).toContain('sequence-gap');
  });

  it('7. the audit chain\'s tail deleted and its head rewound', async () => {
    await tamper(
      `DELETE FROM audit_log WHERE union_id = $1 AND seq > (SELECT max(seq) - 3 FROM audit_log WHERE union_id = $1)`,
      `UPDATE chain_heads h SET seq = a.seq, hash = a.hash FROM audit_log a
        WHERE h.union_id = $1 AND h.chain = 'audit' AND a.union_id = $1 AND a.seq = (SELECT max(seq) FROM audit_log WHERE union_id = $1)`,
    );
    const r = await verify();
    expect(r.audit.head?.seq).toBe(r.audit.count); // the head row agrees with the shortened chain…
    expect(breaks(r.audit)).toEqual(['rewound-below-checkpoint']); // …the signed checkpoint does not
  });

  it('8. the audit chain recomputed after an edit', async () => {
    await tamper(`UPDATE audit_log SET username = 'someone-else' WHERE union_id = $1 AND action = 'period.reopen'`, recomputeAudit(s.u));
    const r = await verify();
    expect(breaks(r.audit)).toEqual(['checkpoint-mismatch']);
  });

  it('9. the books chain recomputed after an edit of a voucher and its record', async () => {
    await tamper(
      `UPDATE vouchers SET posted_by = 'someone-else' WHERE union_id = $1 AND id = '${s.books.income.id}'`,
      `UPDATE chain_records SET snapshot = jsonb_set(snapshot, '{posted_by}', '"someone-else"') WHERE union_id = $1 AND kind = 'vouchers' AND entity_key = '${s.books.income.id}'`,
      recomputeRecords(s.u),
    );
    const r = await verify();
    expect(r.records.mismatches).toEqual([]);
    expect(breaks(r.records)).toEqual(['checkpoint-mismatch']);
  });

  it('10. the books chain\'s tail deleted with the last voucher, its head rewound', async () => {
    await tamper(
      `DELETE FROM voucher_lines WHERE union_id = $1 AND voucher_id = '${s.books.last.id}'`,
      `DELETE FROM vouchers WHERE union_id = $1 AND id = '${s.books.last.id}'`,
      `UPDATE voucher_sequences SET last_number = last_number - 1 WHERE union_id = $1 AND period = 202602`,
      `DELETE FROM chain_records WHERE union_id = $1 AND seq >= (SELECT seq FROM chain_records WHERE union_id = $1 AND entity_key = '${s.books.last.id}')`,
      `UPDATE chain_heads h SET seq = c.seq, hash = c.hash FROM chain_records c
        WHERE h.union_id = $1 AND h.chain = 'records' AND c.union_id = $1 AND c.seq = (SELECT max(seq) FROM chain_records WHERE union_id = $1)`,
    );
    const r = await verify();
    expect(breaks(r.records)).toContain('rewound-below-checkpoint');
  });

  it('11. a forged opening balance (balances adjusted)', async () => {
    await tamper(
      `INSERT INTO opening_balances (union_id, account_code, amount) VALUES ($1, '101', 600)`,
      `UPDATE opening_balances SET amount = amount - 600 WHERE union_id = $1 AND account_code = '32205'`,
    );
    const r = await verify();
    mismatch(r, 'opening_balances', 'unrecorded');
    mismatch(r, 'opening_balances', 'altered', 'amount');
  });

  it('12. a line\'s date moved into a closed month', async () => {
    await tamper(`UPDATE voucher_lines SET voucher_date = '2026-01-31' WHERE union_id = $1 AND voucher_id = '${s.books.feb.id}' AND line_no = 1`);
    mismatch(await verify(), 'vouchers', 'altered', 'lines[0].voucher_date');
  });

  it('13. who posted a voucher changed', async () => {
    await tamper(`UPDATE vouchers SET posted_by_id = preparer_id, posted_by = preparer WHERE union_id = $1 AND id = '${s.books.feb.id}'`);
    mismatch(await verify(), 'vouchers', 'altered');
  });

  it('14. when a voucher was posted changed', async () => {
    await tamper(`UPDATE vouchers SET posted_at = posted_at - interval '40 days' WHERE union_id = $1 AND id = '${s.books.feb.id}'`);
    mismatch(await verify(), 'vouchers', 'altered', 'posted_at');
  });

  it('15. a reversal\'s link deleted, then the voucher reversed a second time', async () => {
    await tamper(`DELETE FROM voucher_reversals WHERE union_id = $1 AND original_id = '${s.books.spent.id}'`);
    await reverseVoucher(s.t, s.u, s.books.spent.id, '2026-02-20');
    const r = await verify();
    semantic(r, 'reversed-twice');
    semantic(r, 'reversal-link'); // the first reversal voucher has lost its link
  });

  it('16. a period close event deleted and the period shown open', async () => {
    await tamper(
      `DELETE FROM period_events WHERE union_id = $1 AND id = (SELECT id FROM period_events WHERE union_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      `UPDATE periods SET status = 'open', closed_at = NULL, closed_by = NULL WHERE union_id = $1 AND period = 202601`,
    );
    const r = await verify();
    mismatch(r, 'period_events', 'missing');
    mismatch(r, 'periods', 'altered', 'status');
  });

  it('17. a period event\'s action and reason rewritten', async () => {
    await tamper(`UPDATE period_events SET action = 'close', reason = NULL WHERE union_id = $1 AND action = 'reopen'`);
    mismatch(await verify(), 'period_events', 'altered', 'action');
  });

  it('18. a voucher posted into a closed month, its record and chain forged to match (caught by the replay)', async () => {
    // the voucher's record says it was posted in February's place in the chain after January closed
    await tamper(
      `UPDATE vouchers SET voucher_date = '2026-01-28', period = 202601, number = 5 WHERE union_id = $1 AND id = '${s.books.last.id}'`,
      `UPDATE voucher_lines SET voucher_date = '2026-01-28' WHERE union_id = $1 AND voucher_id = '${s.books.last.id}'`,
      `UPDATE chain_records SET snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot, '{voucher_date}', '"2026-01-28"'), '{period}', '202601'), '{number}', '5')
                                      || jsonb_build_object('lines', (SELECT jsonb_agg(jsonb_set(l, '{voucher_date}', '"2026-01-28"')) FROM jsonb_array_elements(snapshot -> 'lines') l))
        WHERE union_id = $1 AND kind = 'vouchers' AND entity_key = '${s.books.last.id}'`,
      recomputeRecords(s.u),
    );
    semantic(await verify(), 'posted-into-closed-period');
  });

  it('19. a stored balance changed', async () => {
    await tamper(`UPDATE account_balances SET debit = debit + 1, closing = closing + 1 WHERE union_id = $1 AND account_code = '50105' AND period = 202602`);
    expect((await verify()).balances.ok).toBe(false);
  });

  it('20. a voucher renumbered', async () => {
    await tamper(`UPDATE vouchers SET number = 9 WHERE union_id = $1 AND id = '${s.books.last.id}'`);
    const r = await verify();
    mismatch(r, 'vouchers', 'altered', 'number');
    expect(r.numbering.ok).toBe(false);
  });

  it('21. the audit content function redefined to hide a field, the chain recomputed with it', async () => {
    const [{ def }] = (await s.t.sql.query(`SELECT pg_get_functiondef('ledger_audit_content(audit_log)'::regprocedure) AS def`)).rows;
    try {
      await tamper(
        `CREATE OR REPLACE FUNCTION ledger_audit_content(a audit_log) RETURNS text LANGUAGE sql STABLE AS $$ SELECT jsonb_build_object('union', a.union_id, 'seq', a.seq)::text $$`,
        `UPDATE audit_log SET username = 'someone-else' WHERE union_id = $1 AND action = 'period.reopen'`,
        recomputeAudit(s.u),
      );
      const r = await verify();
      expect(breaks(r.audit)).toEqual(expect.arrayContaining(['content-altered', 'checkpoint-mismatch']));
    } finally {
      await s.t.sql.query(def);
    }
  });

  it('22. two records of the books chain swapped', async () => {
    await tamper(
      `UPDATE chain_records SET seq = -seq WHERE union_id = $1 AND seq IN (3, 4)`,
      `UPDATE chain_records SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END WHERE union_id = $1 AND seq IN (-3, -4)`,
    );
    expect(breaks((await verify()).records)).toEqual(expect.arrayContaining(['link-broken']));
  });

  it('23. an account moved to another category', async () => {
    await tamper(`UPDATE accounts SET category = 'asset', normal_side = 'debit' WHERE union_id = $1 AND code = '402'`);
    mismatch(await verify(), 'accounts', 'altered', 'category');
  });

  it('24. the union\'s first period moved', async () => {
    await tamper(`UPDATE unions SET first_period = 202602 WHERE id = $1`);
    const r = await verify();
    mismatch(r, 'unions', 'altered', 'first_period');
  });

  it('25. a posted voucher shown as a claim payment', async () => {
    await tamper(`UPDATE vouchers SET source = 'claim' WHERE union_id = $1 AND id = '${s.books.feb.id}'`);
    const r = await verify();
    mismatch(r, 'vouchers', 'altered', 'source');
    semantic(r, 'claim-voucher-orphan');
  });

});

