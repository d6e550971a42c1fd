import Decimal from 'decimal.js';
import fc from 'fast-check';
import { newCenter, newUnion, postVoucher, reverseVoucher } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Random activity across several unions of one center — income of each kind, restricted spending of a project,
 * capital purchases, reversals — then each union closes a random number of months, in order. Afterwards every
 * union's 01表 balances at every month end and at the year end, and the consolidated 01表 and 02表 of the
 * center equal the sum of the unions', line by line, closed months (kept statements) and open ones alike.
 */
type Leg = { account: string; project?: string; fundType?: 'restricted' };
/** Debit leg, credit leg: what a union's clerk really posts, never on the accounts closing owns. */
const ENTRIES: [Leg, Leg][] = [
  [{ account: '10201' }, { account: '402' }],
  [{ account: '101' }, { account: '401' }],
  [{ account: '10201' }, { account: '40301' }],
  [{ account: '10201' }, { account: '40302', project: 'P1' }],
  [{ account: '50105' }, { account: '10201' }],
  [{ account: '50404', project: 'P1', fundType: 'restricted' }, { account: '10201' }],
  [{ account: '50502' }, { account: '101' }],
  [{ account: '162' }, { account: '30104' }],
  [{ account: '135' }, { account: '10201' }],
  [{ account: '10201' }, { account: '215' }],
];
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

const op = fc.oneof(
  fc.record({ kind: fc.constant('post' as const), union: fc.nat(2), month: fc.nat(5), day: fc.integer({ min: 1, max: 28 }), entry: fc.nat(ENTRIES.length - 1), cents: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ kind: fc.constant('reverse' as const), union: fc.nat(2), pick: fc.nat() }),
);

describe('property: statements of random books', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = async (path: string) => (await t.http().get(path).expect(200)).body;

  it('every 01表 balances at every month end, and the consolidated statements are the sum of the unions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), fc.array(fc.nat(MONTHS.length), { minLength: 3, maxLength: 3 }), async (script, closes) => {
        const center = (await newCenter(t)).id;
        const unions: string[] = [];
        for (let i = 0; i < 3; i++) {
          const u = (await newUnion(t, { centerId: center, firstPeriod: '2026-01' })).id;
          await t.http().post(`/api/unions/${u}/projects`).send({ code: 'P1', name: '困难职工帮扶' }).expect(201);
          // money to spend from the pooled account's share and from cash, whatever the script spends
          await postVoucher(t, u, '2026-01-01', [{ account: '10201', debit: '10000000.00' }, { account: '402', credit: '10000000.00' }]);
          await postVoucher(t, u, '2026-01-01', [{ account: '101', debit: '1000000.00' }, { account: '401', credit: '1000000.00' }]);
          unions.push(u);
        }
        const posted: { union: number; id: string; date: string }[] = [];
        for (const o of script) {
          if (o.kind === 'post') {
            const [dr, cr] = ENTRIES[o.entry];
            const amount = new Decimal(o.cents).div(100).toFixed(2);
            const date = `${MONTHS[o.month]}-${String(o.day).padStart(2, '0')}`;
            const v = await postVoucher(t, unions[o.union], date, [{ ...dr, debit: amount } as never, { ...cr, credit: amount } as never]);
            posted.push({ union: o.union, id: v.id, date });
          } else {
            const mine = posted.filter((p) => p.union === o.union);
            if (mine.length === 0) continue;
            const target = mine[o.pick % mine.length];
            posted.splice(posted.indexOf(target), 1);
            await reverseVoucher(t, unions[o.union], target.id, '2026-06-30');
          }
        }
        for (const [i, u] of unions.entries()) {
          for (const m of MONTHS.slice(0, closes[i])) await t.http().post(`/api/unions/${u}/periods/${m}/close`).send({}).expect(200);
        }

        const ids = unions.join(',');
        for (const q of [...MONTHS.map((m) => `period=${m}`), 'year=2026']) {
          for (const kind of ['balance-sheet', 'income-expenditure']) {
            const each: { lines: { key: string; values: string[] }[]; balanced: boolean | null }[] = [];
            for (const u of unions) each.push(await get(`/api/unions/${u}/statements/${kind}?${q}`));
            if (kind === 'balance-sheet') expect([q, each.map((s) => s.balanced)]).toEqual([q, [true, true, true]]);
            const all = await get(`/api/centers/${center}/statements/${kind}?${q}&unionIds=${ids}`);
            expect(all.unions).toBe(3);
            const sum = each[0].lines.map((l, j) => ({ key: l.key, values: l.values.map((_, c) => each.reduce((acc, s) => acc.plus(s.lines[j].values[c]), new Decimal(0)).toFixed(2)) }));
            expect([q, kind, all.lines.map((l: { key: string; values: string[] }) => ({ key: l.key, values: l.values }))]).toEqual([q, kind, sum]);
            if (q.startsWith('period=')) {
              const month = MONTHS.indexOf(q.slice(7));
              const open = unions.filter((_, i) => closes[i] <= month).sort();
              expect(all.notClosed.map((x: { unionId: string }) => x.unionId).sort()).toEqual(open);
            }
          }
        }
      }),
      { numRuns: 3 },
    );
  });
});
