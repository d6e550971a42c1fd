import { Database } from '../../src/database/database.service';
import { verifyAll } from '../../src/cli/verify-database';
import { newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

interface Record {
  seq: number;
  at: string;
  userId: string | null;
  username: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientIp: string | null;
  prevHash: string;
  hash: string;
}

describe('audit trail and integrity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const log = async (unionId: string, query = '') =>
    (await t.reviewer().get(`/api/unions/${unionId}/audit-log?pageSize=200${query}`).expect(200)).body as { items: Record[]; total: number };

  /** A union with a little of everything: chart change, draft, edit, posting, reversal, close and reopen. */
  async function busyUnion() {
    const u = await newUnion(t, { firstPeriod: '2026-01' });
    await t.http().post(`/api/unions/${u.id}/accounts`).send({ parentCode: '50106', code: '5010601', name: '明细' }).expect(201);
    const draft = await postVoucher(t, u.id, '2026-01-05', [{ account: '10201', debit: '100.00' }, { account: '402', credit: '100.00' }], { post: false });
    await t.http().patch(`/api/unions/${u.id}/vouchers/${draft.id}`).set('x-request-id', 'req-edit-0001').send({ attachmentCount: 2 }).expect(200);
    await t.reviewer().post(`/api/unions/${u.id}/vouchers/${draft.id}/post`).expect(200);
    const spent = await postVoucher(t, u.id, '2026-01-09', [{ account: '5010601', debit: '30.00' }, { account: '10201', credit: '30.00' }]);
    await reverseVoucher(t, u.id, spent.id, '2026-01-20');
    await t.http().post(`/api/unions/${u.id}/periods/2026-01/close`).expect(200);
    await t.reviewer().post(`/api/unions/${u.id}/periods/2026-01/reopen`).send({ reason: '补记' }).expect(200);
    return { unionId: u.id, draftId: draft.id as string };
  }

  it('records every change with who, what, before/after, request id and address, chained by hash', async () => {
    const { unionId, draftId } = await busyUnion();
    const { items } = await log(unionId);
    const actions = items.map((r) => r.action).reverse();
    expect(actions).toEqual([
      'union.create',
      'account.create',
      'voucher.create',
      'voucher.update',
      'voucher.post',
      'voucher.create',
      'voucher.post',
      'voucher.create', // the red-ink copy, prepared by the bookkeeper as a draft
      'voucher.post', // posted under its own id by the reviewer
      'voucher.reverse', // the original, pointing at its reversal
      'period.close',
      'period.reopen',
    ]);
    const update = items.find((r) => r.action === 'voucher.update')!;
    expect(update).toMatchObject({
      username: t.staff.bookkeeper.username,
      userId: t.staff.bookkeeper.id,
      entityType: 'voucher',
      entityId: draftId,
      requestId: 'req-edit-0001',
      before: expect.objectContaining({ attachmentCount: 0 }),
      after: expect.objectContaining({ attachmentCount: 2, total: '100.00' }),
    });
    expect(update.clientIp).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    const post = items.find((r) => r.action === 'voucher.post' && r.entityId === draftId)!;
    expect(post).toMatchObject({ userId: t.staff.reviewer.id, after: expect.objectContaining({ number: 1, total: '100.00', preparerId: t.staff.bookkeeper.id }) });
    // newest first; each record links to the one before it
    const ascending = [...items].reverse();
    ascending.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : ascending[i - 1].hash);
    });
  });

  it('filters by user, action prefix and time, paged', async () => {
    const { unionId } = await busyUnion();
    const byReviewer = await log(unionId, `&user=${t.staff.reviewer.username}`);
    // the reviewer posted two vouchers and the reversal (recorded on the original too), and reopened January
    expect(new Set(byReviewer.items.map((r) => r.action))).toEqual(new Set(['voucher.post', 'voucher.reverse', 'period.reopen']));
    const vouchers = await log(unionId, '&action=voucher');
    expect(vouchers.items.every((r) => r.action.startsWith('voucher.'))).toBe(true);
    expect(vouchers.total).toBe(8);
    const exact = await log(unionId, '&action=voucher.post');
    expect(exact.total).toBe(3);
    const all = (await log(unionId)).items;
    const future = await log(unionId, `&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.total).toBe(0);
    const upTo = await log(unionId, `&to=${encodeURIComponent(all[0].at)}`); // `to` is exclusive
    expect(upTo.total).toBe(all.filter((r) => r.at < all[0].at).length);
    const page2 = (await t.reviewer().get(`/api/unions/${unionId}/audit-log?pageSize=3&page=2`).expect(200)).body;
    expect(page2.items.map((r: Record) => r.seq)).toEqual([all[3].seq, all[4].seq, all[5].seq]);
    expect((await t.reviewer().get(`/api/unions/${unionId}/audit-log?from=yesterday`).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('records logins, failed logins and grants in the service-wide log, without secrets', async () => {
    const user = await t.userWith([], 'audited');
    await t.login(user.username, 'wrong-password-123');
    const service = (await t.admin().get('/api/audit-log?pageSize=200').expect(200)).body.items as Record[];
    const mine = service.filter((r) => r.entityId === user.id || (r.after as { username?: string } | null)?.username === user.username);
    expect(mine.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'auth.login', 'auth.login.failed']));
    const text = JSON.stringify(service);
    expect(text).not.toContain(user.password);
    expect(text).not.toContain('wrong-password-123');
    expect(text).not.toMatch(/\$argon2/);
    // only administrators read it
    expect((await t.http().get('/api/audit-log').expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit records and of the chains', async () => {
    const { unionId } = await busyUnion();
    for (const sql of [
      `UPDATE audit_log SET action = 'x' WHERE union_id = $1`,
      `DELETE FROM audit_log WHERE union_id = $1`,
      `UPDATE chain_records SET hash = repeat('0', 64) WHERE union_id = $1`,
      `DELETE FROM chain_records WHERE union_id = $1`,
    ]) {
      await expect(t.sql.query(sql, [unionId])).rejects.toMatchObject({ code: 'UL002' });
    }
    await expect(t.sql.query('TRUNCATE audit_log')).rejects.toMatchObject({ code: 'UL002' });
    await expect(t.sql.query('TRUNCATE voucher_chain')).rejects.toMatchObject({ code: 'UL002' });
    await expect(t.sql.query('TRUNCATE chain_records')).rejects.toMatchObject({ code: 'UL002' });
  });

  it('verifies a clean union: both chains, every balance, the numbering', async () => {
    const { unionId } = await busyUnion();
    const report = (await t.reviewer().get(`/api/unions/${unionId}/integrity`).expect(200)).body;
    const { items } = await log(unionId);
    expect(report).toMatchObject({
      ok: true,
      audit: { ok: true, count: items.length, lastHash: items[0].hash, firstHash: items[items.length - 1].hash, breaks: [] },
      records: { ok: true, breaks: [], mismatches: [] },
      legacyVouchers: { ok: true, count: 0, breaks: [] },
      balances: { ok: true, mismatches: [] },
      numbering: { ok: true, gaps: [] },
      semantics: { ok: true, problems: [] },
    });
    expect(report.records.rowsCompared).toBeGreaterThan(50); // the union, its chart, vouchers, reversal, periods…
    expect(report.audit.head).toEqual({ seq: items.length, hash: items[0].hash });
  });

  it('finds rows edited behind its back with triggers disabled (the tamper test)', async () => {
    const { unionId } = await busyUnion();
    const clean = await busyUnion();
    const tamper = async (sql: string) => {
      const c = await t.sql.connect();
      try {
        await c.query(`SET session_replication_role = replica`); // disables the append-only triggers
        await c.query(sql, [unionId]);
      } finally {
        await c.query(`RESET session_replication_role`);
        c.release();
      }
    };
    // a posted amount raised on both sides (still balanced), and an audit record's "after" rewritten
    await tamper(`UPDATE voucher_lines SET debit = debit + 1000 WHERE union_id = $1 AND line_no = 1 AND debit > 0 AND voucher_date = '2026-01-05'`);
    await tamper(`UPDATE voucher_lines SET credit = credit + 1000 WHERE union_id = $1 AND line_no = 2 AND credit > 0 AND voucher_date = '2026-01-05'`);
    await tamper(`UPDATE audit_log SET after = jsonb_set(after, '{attachmentCount}', '9') WHERE union_id = $1 AND action = 'voucher.update'`);

    const report = (await t.reviewer().get(`/api/unions/${unionId}/integrity`).expect(200)).body;
    expect(report.ok).toBe(false);
    expect(report.records.mismatches).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'vouchers', problem: 'altered', field: 'lines[0].debit' })]),
    );
    const updateSeq = (await log(unionId, '&action=voucher.update')).items[0].seq;
    expect(report.audit.breaks).toEqual([{ seq: updateSeq, problem: 'content-altered' }]);
    expect(report.balances.ok).toBe(false);
    expect(report.balances.mismatches.map((m: { account: string }) => m.account)).toEqual(expect.arrayContaining(['10201', '402']));

    // a deleted audit record breaks the links
    await tamper(`DELETE FROM audit_log WHERE union_id = $1 AND action = 'account.create'`);
    const after = (await t.reviewer().get(`/api/unions/${unionId}/integrity`).expect(200)).body;
    expect(after.audit.breaks.map((b: { problem: string }) => b.problem)).toEqual(expect.arrayContaining(['sequence-gap']));

    // npm run verify walks every union and fails on this one only
    const lines: string[] = [];
    const result = await verifyAll(t.app.get(Database), null, (line) => lines.push(line));
    expect(result.failed).toBe(1);
    expect(lines.find((l) => l.includes(unionId))).toMatch(/^FAIL/);
    expect(lines.find((l) => l.includes(clean.unionId))).toMatch(/^OK/);
    expect(lines.join('\n')).toMatch(/vouchers [0-9a-f-]{36}: altered \(lines\[0\]\.debit\)/);
  });
});
