import 'reflect-metadata';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { BalancesRepository } from '../../src/ledger/balances/balances.repository';
import { StatementReader } from '../../src/statements/statement-reader';

/**
 * Re-measures the 明细账 and the consolidated statements on a database bench:reports seeded, without seeding
 * again (the full seed takes about 25 minutes): BENCH_DATABASE_URL names a copy of it. The reads run through the
 * repositories' own code with the service's session options, each beside the bare SQL baseline of bench:reports,
 * interleaved sample by sample so the machine's load hits both alike. BENCH_BEFORE=path names a former version
 * of BalancesRepository to measure beside the current one.
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);

async function main() {
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 2, options: SESSION_OPTIONS });
  const client = await pool.connect();
  const em = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
  const q = (sql: string, params: unknown[]) => () => client.query(sql, params);
  const [{ busy }] = (await client.query(`SELECT union_id AS busy FROM vouchers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows;
  const [{ center }] = (await client.query(`SELECT center_id AS center FROM unions WHERE id = $1`, [busy])).rows;
  const [{ year }] = (await client.query(`SELECT max(period) / 100 AS year FROM vouchers WHERE union_id = $1`, [busy])).rows;
  const before = process.env.BENCH_BEFORE ? new ((await import(process.env.BENCH_BEFORE)) as { BalancesRepository: typeof BalancesRepository }).BalancesRepository() : null;
  const now = new BalancesRepository();
  const from = year * 100 + 1;
  const to = year * 100 + 12;
  // the ledger request's reads (ReportsService.ledgerIn): leaf figures, the page, the months' activity
  const ledger = (repo: BalancesRepository, offset: number) => async () => {
    await repo.leafFigures(em, busy, from, to, ['10201']);
    await repo.ledgerLines(em, busy, ['10201'], from, to, { limit: 50, offset });
    await repo.activityByPeriod(em, busy, ['10201'], from, to);
  };
  const bare = (offset: number) =>
    q(
      `SELECT voucher_id, line_no, voucher_date, summary, debit, credit FROM voucher_lines
        WHERE union_id = $1 AND account_code = '10201' AND voucher_date BETWEEN $2 AND $3 ORDER BY voucher_date, voucher_id, line_no LIMIT 50 OFFSET ${offset}`,
      [busy, `${year}-01-01`, `${year}-12-31`],
    );
  const total = (await now.activityByPeriod(em, busy, ['10201'], from, to)).reduce((n, p) => n + p.lines, 0);
  const middle = Math.floor(Math.ceil(total / 50) / 2) * 50;
  const reader = StatementReader.standalone();
  const consolidated = (kind: 'balance-sheet' | 'income-expenditure', period: number, annual = false) => () => reader.consolidated(em, center, null, { kind, period, annual });
  const centerSql = q(`SELECT left(account_code, 3), sum(debit), sum(credit) FROM voucher_lines WHERE voucher_date <= $1 GROUP BY 1`, [`${year}-12-31`]);
  const [{ firstYear }] = (await client.query(`SELECT min(period) / 100 AS "firstYear" FROM vouchers`)).rows;

  const cases: [string, Record<string, () => Promise<unknown>>, number][] = [
    [`明细账 10201, ${year}, first page`, { ...(before ? { before: ledger(before, 0) } : {}), now: ledger(now, 0), bare: bare(0) }, SAMPLES],
    [`明细账 10201, ${year}, page ${middle / 50 + 1}`, { ...(before ? { before: ledger(before, middle) } : {}), now: ledger(now, middle), bare: bare(middle) }, SAMPLES],
    [`consolidated 01表, ${year}-12 (open)`, { now: consolidated('balance-sheet', to), bare: centerSql }, 10],
    [`consolidated 02表, ${year}-12 (open)`, { now: consolidated('income-expenditure', to), bare: centerSql }, 10],
    [`consolidated 02表, ${year} (annual)`, { now: consolidated('income-expenditure', to, true) }, 10],
    [`consolidated 01表, ${firstYear}-01 (closed)`, { now: consolidated('balance-sheet', firstYear * 100 + 1) }, 10],
  ];
  console.log(`bench:reports on a copy — busy union ${total} lines on 10201 in ${year}`);
  for (const [what, ways, n] of cases) {
    const ms: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
    for (const work of Object.values(ways)) await work(); // warm
    for (let i = 0; i < n; i++) {
      for (const [k, work] of Object.entries(ways)) {
        const t0 = process.hrtime.bigint();
        await work();
        ms[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    console.log(`${what.padEnd(40)} ${Object.entries(ms).map(([k, xs]) => `${k} p50 ${at(xs, 0.5).toFixed(1)} / p95 ${at(xs, 0.95).toFixed(1)} ms`).join('   ')}`);
  }
  client.release();
  await pool.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
