import 'reflect-metadata';
import { Pool } from 'pg';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff } from './bench-staff';

/**
 * bench:reports (issue 18) — a center of BENCH_UNIONS (2,000) unions with BENCH_YEARS (3) years of history,
 * BENCH_PER_MONTH four-line vouchers a union a month, one union with BENCH_BUSY (100,000) more in its last
 * year, seeded straight through SQL in the service's shape (vouchers and lines; numbering, balances, the
 * per-period totals and voucher counts, the books chain kept by the database's own triggers). Over HTTP,
 * p50/p95 of the busy union's trial balance and 01/02表 (a month, a year), the 明细账 of its busiest account
 * (first and a middle page), the voucher list (first page, filtered by account), the consolidated 01/02表 of
 * every union, and the batch close of one month for all of them — each beside a baseline: the same figures
 * as one bare SQL statement over the lines, in the same run.
 */
const UNIONS = Number(process.env.BENCH_UNIONS ?? 2000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const PER_MONTH = Number(process.env.BENCH_PER_MONTH ?? 4);
const BUSY = Number(process.env.BENCH_BUSY ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
/** Only these groups of figures (comma-separated: balances, ledger, vouchers, consolidated, close); all when unset. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
const want = (group: string) => !ONLY || ONLY.includes(group);
const FIRST_YEAR = 2023;
const LAST_YEAR = FIRST_YEAR + YEARS - 1;

/** One statement per union and month: `n` vouchers of four lines (income in, two expenses out), numbered by the triggers. */
const SEED = `
  WITH p AS (INSERT INTO periods (union_id, period) VALUES ($1, $2 * 100 + $3) ON CONFLICT DO NOTHING),
  v AS (
    INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, preparer, posted_by)
    SELECT $1, gen_random_uuid(), make_date($2, $3, 1 + (i % 28)), $2 * 100 + $3, 'general', 'bench', 'bench'
      FROM generate_series(1, $4::int) i
    RETURNING union_id, id, voucher_date)
  INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, fund_type)
  SELECT v.union_id, v.id, l.n, v.voucher_date, l.summary, l.account, l.debit, l.credit, l.fund
    FROM v CROSS JOIN (VALUES (1, '拨缴经费', '10201', 900.00, 0.00, NULL),
                              (2, '拨缴经费', '402', 0.00, 900.00, 'unrestricted'),
                              (3, '会员活动', '50105', 380.50, 0.00, 'unrestricted'),
                              (4, '会员活动', '10201', 0.00, 380.50, NULL)) AS l(n, summary, account, debit, credit, fund)`;

function quantiles(ms: number[]): { p50: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed(n: number, work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(0); // warm the path once
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await work(i);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return quantiles(ms);
}

async function main() {
  const env = await startBenchEnvironment({ poolSize: 8 });
  const http = benchHttp(env.baseUrl, 4);
  const { call } = http;
  const pool = new Pool({ connectionString: env.databaseUrl, max: 4, options: SESSION_OPTIONS });
  const rows: string[] = [];
  const report = (what: string, service: { p50: number; p95: number }, base: { p50: number; p95: number } | null, target: number | null) => {
    const line =
      `${what.padEnd(44)} p50 ${service.p50.toFixed(1).padStart(8)} ms  p95 ${service.p95.toFixed(1).padStart(8)} ms` +
      (base ? `   bare SQL p50 ${base.p50.toFixed(1).padStart(7)} ms (×${(service.p50 / Math.max(base.p50, 0.01)).toFixed(1)})` : '') +
      (target !== null ? `   target p95 < ${target} ms: ${service.p95 < target ? 'met' : 'NOT met'}` : '');
    rows.push(line);
    console.log(line);
  };
  try {
    const staff = await benchStaff(call, 'REPORTS');
    const t0 = Date.now();
    const unions: string[] = [];
    let next = 0;
    const create = async () => {
      for (let i = next++; i < UNIONS; i = next++) {
        const u = await call('POST', '/api/unions', { centerId: staff.centerId, code: `R${String(i).padStart(5, '0')}`, name: `工会 ${i}`, chartTemplate: 'grassroots', firstPeriod: `${FIRST_YEAR}-01` }, staff.director);
        unions[i] = u.id as string;
      }
    };
    await Promise.all([create(), create(), create(), create()]);
    // money to spend: opening balances as the service stores them (its trigger carries them into the balances)
    await pool.query(
      `INSERT INTO opening_balances (union_id, line_no, account_code, amount)
       SELECT u.id, o.n, o.code, o.amount FROM unions u CROSS JOIN (VALUES (1, '10201', 900000000.00), (2, '32205', -900000000.00)) AS o(n, code, amount)
        WHERE u.center_id = $1`,
      [staff.centerId],
    );
    console.log(`bench:reports — ${UNIONS} unions created in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const t1 = Date.now();
    const jobs: [string, number, number, number][] = [];
    for (const u of unions) for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) for (let m = 1; m <= 12; m++) jobs.push([u, y, m, PER_MONTH]);
    const busy = unions[0];
    for (let m = 1; m <= 12; m++) jobs.push([busy, LAST_YEAR, m, Math.ceil(BUSY / 12)]);
    let j = 0;
    const seed = async () => {
      for (let k = j++; k < jobs.length; k = j++) await pool.query(SEED, jobs[k]);
    };
    await Promise.all([seed(), seed(), seed(), seed()]);
    const [{ lines, vouchers }] = (await pool.query(`SELECT (SELECT count(*) FROM voucher_lines)::int AS lines, (SELECT count(*) FROM vouchers)::int AS vouchers`)).rows;
    const [{ busyVouchers }] = (await pool.query(`SELECT count(*)::int AS "busyVouchers" FROM vouchers WHERE union_id = $1`, [busy])).rows;
    console.log(`seeded ${lines} lines in ${vouchers} vouchers (busy union: ${busyVouchers}) in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    await pool.query('VACUUM ANALYZE');

    const get = (path: string) => call('GET', path, undefined, staff.accountant);
    const sql = (text: string, params: unknown[]) => () => pool.query(text, params);
    const month = `${LAST_YEAR}-06`;
    const [mFrom, mTo] = [`${LAST_YEAR}-06-01`, `${LAST_YEAR}-06-30`];
    const [yFrom, yTo] = [`${LAST_YEAR}-01-01`, `${LAST_YEAR}-12-31`];
    const u = `/api/unions/${busy}`;
    const tbSql = `SELECT account_code, sum(debit), sum(credit) FROM voucher_lines WHERE union_id = $1 AND voucher_date BETWEEN $2 AND $3 GROUP BY 1`;

    if (want('balances')) {
    report('trial balance, a month', await timed(SAMPLES, () => get(`${u}/trial-balance?from=${month}&to=${month}`)), await timed(SAMPLES, sql(tbSql, [busy, mFrom, mTo])), 50);
    report('trial balance, the year', await timed(SAMPLES, () => get(`${u}/trial-balance?from=${LAST_YEAR}-01&to=${LAST_YEAR}-12`)), await timed(SAMPLES, sql(tbSql, [busy, yFrom, yTo])), 50);
    report('工会01表, a month', await timed(SAMPLES, () => get(`${u}/statements/balance-sheet?period=${month}`)), await timed(SAMPLES, sql(tbSql, [busy, `${FIRST_YEAR}-01-01`, mTo])), 50);
    report('工会01表, the year', await timed(SAMPLES, () => get(`${u}/statements/balance-sheet?year=${LAST_YEAR}`)), await timed(SAMPLES, sql(tbSql, [busy, `${FIRST_YEAR}-01-01`, yTo])), 50);
    report('工会02表, a month', await timed(SAMPLES, () => get(`${u}/statements/income-expenditure?period=${month}`)), await timed(SAMPLES, sql(tbSql, [busy, yFrom, mTo])), 50);
    report('工会02表, the year', await timed(SAMPLES, () => get(`${u}/statements/income-expenditure?year=${LAST_YEAR}`)), await timed(SAMPLES, sql(tbSql, [busy, yFrom, yTo])), 50);
    }

    const ledgerSql = (offset: number) =>
      sql(
        `SELECT voucher_id, line_no, voucher_date, summary, debit, credit FROM voucher_lines
          WHERE union_id = $1 AND account_code = '10201' AND voucher_date BETWEEN $2 AND $3 ORDER BY voucher_date, voucher_id, line_no LIMIT 50 OFFSET ${offset}`,
        [busy, yFrom, yTo],
      );
    if (want('ledger')) {
    const first = await get(`${u}/ledger?account=10201&from=${LAST_YEAR}-01&to=${LAST_YEAR}-12&pageSize=50`);
    const middle = Math.max(1, Math.floor(Math.ceil(Number(first.total ?? 0) / 50) / 2));
    report('明细账 10201, the year, first page', await timed(SAMPLES, () => get(`${u}/ledger?account=10201&from=${LAST_YEAR}-01&to=${LAST_YEAR}-12&pageSize=50`)), await timed(SAMPLES, ledgerSql(0)), 50);
    report(`明细账 10201, the year, page ${middle}`, await timed(SAMPLES, () => get(`${u}/ledger?account=10201&from=${LAST_YEAR}-01&to=${LAST_YEAR}-12&pageSize=50&page=${middle}`)), await timed(SAMPLES, ledgerSql((middle - 1) * 50)), 50);
    }
    if (want('vouchers')) {
    report(
      'voucher list, first page',
      await timed(SAMPLES, () => get(`${u}/vouchers?pageSize=50`)),
      await timed(SAMPLES, sql(`SELECT id, voucher_date, period, number FROM vouchers WHERE union_id = $1 ORDER BY period DESC, number DESC LIMIT 50`, [busy])),
      50,
    );
    report(
      'voucher list, first page, account 50105',
      await timed(SAMPLES, () => get(`${u}/vouchers?pageSize=50&account=50105`)),
      await timed(SAMPLES, sql(`SELECT DISTINCT voucher_id, voucher_date FROM voucher_lines WHERE union_id = $1 AND account_code = '50105' ORDER BY voucher_date DESC LIMIT 50`, [busy])),
      50,
    );
    if (process.env.BENCH_EXPLAIN) {
      // the posted side of the list's query as the service sends it (VouchersRepository.list), planned generically
      const plan = await pool.query(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT v.id, v.period, v.voucher_type, v.number FROM vouchers v
          WHERE v.union_id = $1 AND EXISTS (SELECT 1 FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id AND l.account_code LIKE $2)
          ORDER BY v.period, v.voucher_type, v.number LIMIT 50`,
        [busy, '50105%'],
      );
      console.log(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
    }

    const c = `/api/centers/${staff.centerId}/statements`;
    const few = Math.max(3, Math.floor(SAMPLES / 6));
    if (want('consolidated')) {
    const centerSql = sql(`SELECT left(account_code, 3), sum(debit), sum(credit) FROM voucher_lines WHERE voucher_date <= $1 GROUP BY 1`, [`${LAST_YEAR}-12-31`]);
    report(`consolidated 01表, ${UNIONS} unions, a month`, await timed(few, () => get(`${c}/balance-sheet?period=${LAST_YEAR}-12`)), await timed(few, centerSql), 1000);
    report(`consolidated 02表, ${UNIONS} unions, a month`, await timed(few, () => get(`${c}/income-expenditure?period=${LAST_YEAR}-12`)), await timed(few, centerSql), 1000);

    }
    // the batch close of the first month (no earlier month to close first), then the consolidation of closed months
    if (want('close')) {
    // a close run (the background job the web page starts), polled until it is over
    const t2 = Date.now();
    const run = await call('POST', `/api/centers/${staff.centerId}/close-runs`, { period: `${FIRST_YEAR}-01` }, staff.accountant);
    let closed = run;
    while (!['done', 'failed'].includes(closed.state as string)) {
      await new Promise((r) => setTimeout(r, 500));
      closed = await call('GET', `/api/centers/${staff.centerId}/close-runs/${run.id as string}?pageSize=1`, undefined, staff.accountant);
    }
    const seconds = (Date.now() - t2) / 1000;
    const progress = closed.progress as Record<string, number>;
    const line = `batch close (close run) of ${FIRST_YEAR}-01, ${UNIONS} unions: ${seconds.toFixed(1)} s (${progress.closed} closed, ${progress.refused + progress.failed} refused); target < 60 s: ${seconds < 60 ? 'met' : 'NOT met'}`;
    rows.push(line);
    console.log(line);
    report(`consolidated 01表, ${UNIONS} unions, closed month`, await timed(few, () => get(`${c}/balance-sheet?period=${FIRST_YEAR}-01`)), null, 1000);
    }
    console.log(`\nsummary (${UNIONS} unions × ${YEARS} years, busy union ${busyVouchers} vouchers, ${lines} lines):\n${rows.join('\n')}`);
  } finally {
    await pool.end();
    await http.close();
    await env.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
