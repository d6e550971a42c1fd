import Decimal from 'decimal.js';
import { csvText } from '../support/banking';
import { newCenter } from '../support/builders';
import { claimBody, ClaimPeople, claimUnion, postedClaim } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

/** A small seeded generator (mulberry32): the run is random but repeatable; the seed is printed on failure. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BankEvent {
  date: string;
  amount: Decimal;
  reference: string | null;
}

/**
 * A random month on two pooled accounts: receipts (some without the bank's reference), batch allocations,
 * claim payments and a withdrawal across many unions. Afterwards each pooled book balance equals the sum of
 * its unions' shares (the integrity check and the position), and the bank statement generated from the same
 * run, imported and matched automatically (low-confidence pairs confirmed), reconciles with no difference.
 */
describe('banking, randomized', () => {
  const seed = Number(process.env.BANKING_SEED ?? Date.now() % 1_000_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`keeps Σ shares = pooled book balance and reconciles with the bank (seed ${seed})`, async () => {
    const random = rng(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const amount = (lo: number, hi: number) => new Decimal(Math.floor(lo * 100 + random() * (hi - lo) * 100)).div(100);
    const day = () => `2026-04-${String(1 + Math.floor(random() * 27)).padStart(2, '0')}`;

    const centerId = (await newCenter(t)).id;
    const director = t.reviewer;
    const accounts: string[] = [(await director().get(`/api/centers/${centerId}/bank-accounts`).expect(200)).body[0].id];
    accounts.push(
      (await director().post(`/api/centers/${centerId}/bank-accounts`).send({ bankName: '中国建设银行', accountNo: '33050161234500009999', accountName: '集中核算户', openedOn: '2026-01-01', openingBalance: '0.00' }).expect(201)).body.id,
    );
    const people: (ClaimPeople & { code: string })[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await claimUnion(t, { centerId, noDocumentRules: i === 0 });
      await director().post(`/api/centers/${centerId}/bank-accounts/${accounts[1]}/shares`).send({ unionId: p.unionId, isDefault: random() < 0.5 }).expect(201);
      people.push({ ...p, code: (await t.sql.query(`SELECT code FROM unions WHERE id = $1`, [p.unionId])).rows[0].code });
    }
    const cashier = people[0].cashier;
    const bank: Record<string, BankEvent[]> = Object.fromEntries(accounts.map((a) => [a, []]));
    let refNo = 0;
    const receipt = async (p: ClaimPeople, account: string, value: Decimal, date: string, withRef: boolean) => {
      const reference = withRef ? `RC-${seed}-${++refNo}` : null;
      const body = { kind: 'other', amount: value.toFixed(2), date, payer: '某单位', bankAccountId: account, ...(reference ? { bankReference: reference } : {}) };
      const r = await cashier().post(`/api/unions/${p.unionId}/receipts`).set('Idempotency-Key', `rand-${seed}-${refNo}-${random()}`).send(body).expect(201);
      await t.http().post(`/api/unions/${p.unionId}/receipts/${r.body.id}/post`).expect(200);
      bank[account].push({ date, amount: value, reference });
    };
    const allocation = async (account: string, date: string) => {
      const chosen = people.slice(0, people.length - 1).filter(() => random() < 0.6);
      if (chosen.length === 0) return;
      const rows = chosen.map((p) => [p.code, '', amount(50, 900).toFixed(2), '拨缴经费', '经费返还']);
      const total = rows.reduce((s, r) => s.plus(r[2]), new Decimal(0));
      const reference = `FP-${seed}-${++refNo}`;
      let req = cashier().post(`/api/centers/${centerId}/allocations`);
      for (const [k, v] of Object.entries({ bankAccountId: account, creditDate: date, creditAmount: total.toFixed(2), creditReference: reference, payer: '某市总工会' })) req = req.field(k, v);
      const batch = await req.attach('file', Buffer.from(csvText(['工会编码', '工会名称', '金额', '类型', '摘要'], rows)), 'alloc.csv').expect(201);
      await t.http().post(`/api/centers/${centerId}/allocations/${batch.body.id}/post`).expect(200);
      bank[account].push({ date, amount: total, reference });
    };
    const claim = async (p: ClaimPeople, date: string) => {
      const value = amount(10, 100); // at most 24 × 100 < the 3,000 every default share starts with: never short
      const reference = `PAY-${seed}-${++refNo}`;
      // reviewed, checked (复核), paid by the cashier and posted (记账) by the accountant
      const c = await postedClaim(t, p, claimBody(value.toFixed(2), { eventDate: '2026-04-01' }), { date, bankReference: reference });
      const { rows } = await t.sql.query(
        `SELECT s.bank_account_id AS account FROM claims c
           JOIN fund_reservations r ON r.union_id = c.union_id AND r.id = c.reservation_id
           JOIN bank_account_shares s ON s.union_id = r.union_id AND s.account_code = r.account_code
          WHERE c.union_id = $1 AND c.id = $2`,
        [p.unionId, c.id],
      );
      bank[rows[0].account].push({ date, amount: value.negated(), reference });
    };

    // money in first (claims need funds on the union's default share), then a random month
    for (const p of people) for (const a of accounts) await receipt(p, a, amount(3000, 5000), '2026-04-01', true);
    for (let i = 0; i < 24; i++) {
      const r = random();
      if (r < 0.4) await receipt(pick(people), pick(accounts), amount(1, 2000), day(), random() < 0.7);
      else if (r < 0.6) await allocation(pick(accounts), day());
      else await claim(pick(people), day());
    }
    // the last union leaves: its shares are paid out to its own account, one bank debit per pooled account
    const leaving = people[people.length - 1];
    for (const a of accounts) {
      const pos = (await director().get(`/api/centers/${centerId}/bank-accounts/${a}/position?date=2026-04-28`).expect(200)).body;
      const share = pos.unions.filter((u: { unionId: string }) => u.unionId === leaving.unionId).reduce((s: Decimal, u: { balance: string }) => s.plus(u.balance), new Decimal(0));
      if (!share.isZero()) bank[a].push({ date: '2026-04-28', amount: share.negated(), reference: `WD-${seed}` });
    }
    await director().post(`/api/unions/${leaving.unionId}/withdraw`).send({ reason: '自行开户', date: '2026-04-28', ownAccount: { bankName: '某银行', accountName: '某工会', accountNo: '6222000099998888' }, bankReference: `WD-${seed}` }).expect(200);

    for (const a of accounts) {
      const integrity = (await director().get(`/api/centers/${centerId}/bank-accounts/${a}/integrity`).expect(200)).body;
      expect([seed, integrity.ok, integrity.mismatches]).toEqual([seed, true, []]);
      const events = [...bank[a]].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      let balance = new Decimal(0);
      const rows = events.map((e) => {
        balance = balance.plus(e.amount);
        return [e.date, e.amount.isNegative() ? e.amount.negated().toFixed(2) : '', e.amount.isNegative() ? '' : e.amount.toFixed(2), balance.toFixed(2), e.reference ?? ''];
      });
      const pos = (await director().get(`/api/centers/${centerId}/bank-accounts/${a}/position?date=2026-04-30`).expect(200)).body;
      expect([seed, pos.bookBalance]).toEqual([seed, balance.toFixed(2)]);
      const file = Buffer.from(csvText(['交易日期', '借方发生额', '贷方发生额', '余额', '交易流水号'], rows));
      await cashier().post(`/api/centers/${centerId}/bank-accounts/${a}/statements`).attach('file', file, 'april.csv').expect(201);
      const proposed = (await cashier().get(`/api/centers/${centerId}/bank-accounts/${a}/matches?status=proposed&pageSize=500`).expect(200)).body.items;
      for (const m of proposed) await cashier().post(`/api/centers/${centerId}/bank-accounts/${a}/matches/${m.id}/confirm`).expect(200);
      const r = (await director().get(`/api/centers/${centerId}/bank-accounts/${a}/reconciliation?period=2026-04`).expect(200)).body;
      expect([seed, r.bookBalance, r.statementBalance, r.difference, r.agrees]).toEqual([seed, balance.toFixed(2), balance.toFixed(2), '0.00', true]);
      const open = [r.bankInNotBook, r.bankOutNotBook, r.bookInNotBank, r.bookOutNotBank].map((x: { lines: unknown[] }) => x.lines.length);
      expect([seed, open]).toEqual([seed, [0, 0, 0, 0]]);
    }
  });
});
