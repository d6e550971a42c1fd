import Decimal from 'decimal.js';
import { fund, newUnion, postVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Verification and the multi-statement reports read one snapshot (REPEATABLE READ READ ONLY): while eight
 * clients post, every verification answers ok and every 明细账 and trial balance adds up.
 */
describe('consistent reads under posting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CHECKPOINT_INTERVAL_MINUTES: '0' } });
  });
  afterAll(() => t.close());

  const signed = (d: { direction: string; amount: string }) => (d.direction === '贷' ? new Decimal(d.amount).negated() : new Decimal(d.amount));

  it('verifies ok: true every time, and the ledger and trial balance add up, while 8 clients post', async () => {
    const u = await newUnion(t);
    await fund(t, u.id, '100000.00');
    const PER_CLIENT = 16;
    let posting = true;
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const amount = `${c + 1}.${String(i).padStart(2, '0')}`;
        await postVoucher(t, u.id, '2026-03-05', [{ account: '50105', debit: amount }, { account: '10201', credit: amount }]);
      }
    });
    const posted = Promise.all(clients).finally(() => {
      posting = false;
    });

    const verdicts: boolean[] = [];
    const problems: unknown[] = [];
    // do-while: each reader's first request is sent while the clients are posting (posting is true until all
    // of them finish), so every kind of read overlaps posting at least once however the scheduler runs
    const whilePosting = async (read: () => Promise<void>) => {
      do await read();
      while (posting);
    };
    await Promise.all([
      whilePosting(async () => {
        const report = (await t.reviewer().get(`/api/unions/${u.id}/integrity`).expect(200)).body;
        verdicts.push(report.ok);
        if (!report.ok) problems.push(report);
      }),
      whilePosting(async () => {
        const ledger = (await t.http().get(`/api/unions/${u.id}/ledger?account=10201&from=2026-01&to=2026-03&pageSize=500`).expect(200)).body;
        const net = ledger.lines.reduce((acc: Decimal, l: { debit: string | null; credit: string | null }) => acc.plus(l.debit ?? 0).minus(l.credit ?? 0), new Decimal(0));
        if (!signed(ledger.opening).plus(net).eq(signed(ledger.closing)) || ledger.total !== ledger.lines.length) problems.push({ ledger });
      }),
      whilePosting(async () => {
        const tb = (await t.http().get(`/api/unions/${u.id}/trial-balance?from=2026-01&to=2026-03`).expect(200)).body;
        if (!tb.balanced || tb.totals.closingDebit !== tb.totals.closingCredit) problems.push({ tb: tb.totals });
      }),
    ]);
    await posted;
    expect(problems).toEqual([]);
    expect(verdicts.length).toBeGreaterThanOrEqual(1);
    expect(verdicts.every((ok) => ok)).toBe(true);
    const final = (await t.reviewer().get(`/api/unions/${u.id}/integrity`).expect(200)).body;
    expect(final).toMatchObject({ ok: true, numbering: { ok: true } });
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM vouchers WHERE union_id = $1`, [u.id]);
    expect(rows[0].n).toBe(1 + 8 * PER_CLIENT);
    // each read is a full replay that grows with the books: on a loaded 2-core machine this ran past 120 s
  }, 300_000);
});
