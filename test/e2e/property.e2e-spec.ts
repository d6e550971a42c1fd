import fc from 'fast-check';
import Decimal from 'decimal.js';
import { compareBalances, replayBalances } from '../../src/ledger/domain/balance-replay.rules';
import { fund, newUnion, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Random valid vouchers, drafts and reversals across several unions, posted concurrently in batches and out
 * of date order. Afterwards every union's trial balance balances for every month, stored balances equal a
 * replay of the lines, each leaf's closing equals an independent model of what was posted, and numbers are
 * gapless.
 */
const LEAVES = ['101', '10201', '13101', '135', '141', '215', '32205', '401', '402', '40301', '50101', '50105', '50502', '510'];
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

const cents = fc.integer({ min: 1, max: 50_000_000 });
const balancedLines = fc
  .tuple(fc.array(cents, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.constantFrom(...LEAVES), { minLength: 6, maxLength: 6 }))
  .map(([debits, creditCount, accounts]) => {
    const total = debits.reduce((a, b) => a + b, 0);
    const n = Math.min(creditCount, total);
    const credits = Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
    return [
      ...debits.map((c, i) => ({ account: accounts[i], side: 'debit' as const, cents: c })),
      ...credits.map((c, i) => ({ account: accounts[3 + i], side: 'credit' as const, cents: c })),
    ];
  });
const op = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), union: fc.nat(2), month: fc.nat(5), day: fc.integer({ min: 1, max: 28 }), lines: balancedLines, viaDraft: fc.boolean() }),
  fc.record({ kind: fc.constant('reverse' as const), union: fc.nat(2), pick: fc.nat(), delay: fc.nat(40) }),
);

describe('property: random books stay balanced and replayable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('holds for random scripts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 40 }), async (script) => {
        const unions = [
          (await newUnion(t)).id,
          (await newUnion(t, { voucherNumbering: 'typed' })).id,
          (await newUnion(t)).id,
        ];
        const posted: { union: number; id: string; date: string; lines: { account: string; side: string; cents: number }[] }[] = [];
        const model = unions.map(() => new Map<string, number>());
        const apply = (u: number, lines: { account: string; side: string; cents: number }[], sign: number) => {
          for (const l of lines) model[u].set(l.account, (model[u].get(l.account) ?? 0) + sign * (l.side === 'debit' ? l.cents : -l.cents));
        };
        // enough money in each union's share of the pooled account for anything the script spends from it
        for (const [u, unionId] of unions.entries()) {
          await fund(t, unionId, '100000000.00', '2026-01-01');
          apply(u, [{ account: '10201', side: 'debit', cents: 10_000_000_000 }, { account: '402', side: 'credit', cents: 10_000_000_000 }], 1);
        }

        for (let i = 0; i < script.length; i += 6) {
          const batch = script.slice(i, i + 6);
          await Promise.all(
            batch.map(async (o) => {
              const base = `/api/unions/${unions[o.union]}/vouchers`;
              if (o.kind === 'post') {
                const date = `${MONTHS[o.month]}-${String(o.day).padStart(2, '0')}`;
                const body = {
                  date,
                  lines: o.lines.map((l) => ({ summary: 'p', account: l.account, [l.side]: new Decimal(l.cents).div(100).toFixed(2) })),
                };
                const res = await t.http().post(base).send(body);
                expect(res.status).toBe(201);
                if (o.viaDraft) await t.http().patch(`${base}/${res.body.id}`).send({ attachmentCount: 1 }).expect(200);
                await t.reviewer().post(`${base}/${res.body.id}/post`).expect(200);
                posted.push({ union: o.union, id: res.body.id, date, lines: o.lines });
                apply(o.union, o.lines, 1);
              } else {
                const candidates = posted.filter((p) => p.union === o.union);
                if (candidates.length === 0) return;
                const target = candidates[o.pick % candidates.length];
                posted.splice(posted.indexOf(target), 1); // one reversal per voucher in this script
                const d = new Date(`${target.date}T00:00:00Z`);
                d.setUTCDate(d.getUTCDate() + o.delay);
                const date = d.toISOString().slice(0, 10) > '2026-06-30' ? '2026-06-30' : d.toISOString().slice(0, 10);
                await reverseVoucher(t, unions[o.union], target.id, date);
                apply(o.union, target.lines, -1);
              }
            }),
          );
        }

        for (const [u, unionId] of unions.entries()) {
          const whole = (await t.http().get(`/api/unions/${unionId}/trial-balance?from=2026-01&to=2026-06&includeZero=true`).expect(200)).body;
          expect(whole.balanced).toBe(true);
          for (const leaf of LEAVES) {
            const row = whole.rows.find((r: { code: string }) => r.code === leaf);
            const signed = new Decimal(row.closingDebit).minus(row.closingCredit);
            expect([leaf, signed.toFixed(2)]).toEqual([leaf, new Decimal(model[u].get(leaf) ?? 0).div(100).toFixed(2)]);
          }
          for (const m of MONTHS) {
            expect((await t.http().get(`/api/unions/${unionId}/trial-balance?from=${m}&to=${m}`).expect(200)).body.balanced).toBe(true);
          }

          const activity = await t.sql.query(
            `SELECT l.account_code AS "accountCode", ledger_period_of(l.voucher_date) AS period, sum(l.debit) AS debit, sum(l.credit) AS credit
               FROM voucher_lines l WHERE l.union_id = $1 GROUP BY 1, 2`,
            [unionId],
          );
          const stored = await t.sql.query(
            `SELECT account_code AS "accountCode", period, opening, debit, credit, closing FROM account_balances WHERE union_id = $1`,
            [unionId],
          );
          const expected = replayBalances(
            new Map(),
            202601,
            activity.rows.map((r) => ({ ...r, debit: new Decimal(r.debit), credit: new Decimal(r.credit) })),
          );
          const mismatches = compareBalances(
            expected,
            stored.rows.map((r) => ({ ...r, opening: new Decimal(r.opening), debit: new Decimal(r.debit), credit: new Decimal(r.credit), closing: new Decimal(r.closing) })),
          );
          expect(mismatches).toEqual([]);

          const gaps = await t.sql.query(
            `SELECT period, voucher_type, count(*)::int AS n, max(number) AS top FROM vouchers
              WHERE union_id = $1 GROUP BY 1, 2 HAVING count(*) <> max(number)`,
            [unionId],
          );
          expect(gaps.rows).toEqual([]);
        }
      }),
      { numRuns: 5 },
    );
  });
});
