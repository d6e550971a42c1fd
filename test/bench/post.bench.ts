import 'reflect-metadata';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff } from './bench-staff';
import { cpus } from 'node:os';
import { cpuPerOp } from './cpu';
import { compareLoads, formatResult } from './load';
import { formatSide, lockedUnionComparison } from './locked-union';
import { dateOf, rawPosting, voucherLines } from './raw-posting';

/**
 * bench:post — 200 unions, 16 concurrent clients posting 4-line vouchers for BENCH_SECONDS (30) each:
 * each voucher prepared by an accountant and posted by a director (制单 and 审核 are two people):
 *   1. the ceiling: the same statements in the same shape, straight through `pg`: the context read and the
 *      draft insert, then the draft read, the context read and the posting, batched as the service batches
 *      them (one statement reads every waiting context; one inserts every waiting voucher with its lines,
 *      deletes their drafts, and triggers number, balance, chain and check them)
 *   2. the service over HTTP: POST /api/unions/:id/vouchers, then POST …/vouchers/:id/post
 * and the ratio of the two, measured in the same run on the same database. Then the isolation between
 * unions (locked-union.ts): the HTTP load on 199 unions without and with the 200th held under a long lock.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const UNIONS = 200;
const ROUNDS = 2;

async function main() {
  const env = await startBenchEnvironment({ poolSize: CLIENTS });
  const http = benchHttp(env.baseUrl, CLIENTS);
  const { call } = http;

  try {
    const staff = await benchStaff(call, 'BENCH');
    const unions: string[] = [];
    for (let i = 0; i < UNIONS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          call('POST', '/api/unions', { centerId: staff.centerId, code: `U${i + j}`, name: `工会 ${i + j}`, chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director),
        ),
      );
      unions.push(...batch.map((u) => u.id as string));
    }
    // money in each union's share of the pooled account: available funds never go below zero
    for (const id of unions) {
      await call('POST', `/api/unions/${id}/opening-balances`, { lines: [{ account: '10201', debit: '900000000.00' }, { account: '32205', credit: '900000000.00' }] }, staff.accountant);
    }

    const postHttp = async (worker: number, n: number) => {
      const base = `/api/unions/${unions[(worker * 7919 + n) % UNIONS]}/vouchers`;
      const draft = await call('POST', base, { date: dateOf(n), lines: voucherLines(n) }, staff.accountant);
      await call('POST', `${base}/${draft.id}/post`, {}, staff.director);
    };
    const { pool, postRaw, close } = rawPosting(env, { unions, poolSize: CLIENTS });

    console.log(
      `bench:post — ${UNIONS} unions, ${CLIENTS} clients, ${SECONDS} s per load in ${ROUNDS} alternating rounds ` +
        `(service, PostgreSQL and load generator share ${cpus().length} cores)`,
    );
    const { baseline: raw, load: api, baselineCpu, loadCpu } = await compareLoads({
      rounds: ROUNDS,
      seconds: SECONDS / ROUNDS,
      concurrency: CLIENTS,
      servicePid: env.servicePid,
      baseline: postRaw,
      load: postHttp,
    });
    console.log(formatResult('raw SQL via pg (ceiling)', raw));
    console.log(`  ${cpuPerOp(baselineCpu, raw.ok)}`);
    console.log(formatResult('HTTP draft + post (two users)', api));
    console.log(`  ${cpuPerOp(loadCpu, api.ok)}`);
    console.log(`ratio HTTP / ceiling: ${(api.perSecond / raw.perSecond).toFixed(2)}`);

    // isolation: the same HTTP load on the other unions, without and with one union held under a long lock
    const [held, ...rest] = unions;
    const sideHttp = benchHttp(env.baseUrl, 2);
    const postOn = (call_: typeof call, unionId: string, n: number) => async () => {
      const base = `/api/unions/${unionId}/vouchers`;
      const draft = await call_('POST', base, { date: dateOf(n), lines: voucherLines(n) }, staff.accountant);
      await call_('POST', `${base}/${draft.id}/post`, {}, staff.director);
    };
    const iso = await lockedUnionComparison({
      rounds: ROUNDS,
      seconds: SECONDS / ROUNDS / 2,
      concurrency: CLIENTS,
      pool,
      lockedUnion: held,
      others: (worker, n) => postOn(call, rest[(worker * 7919 + n) % rest.length], n)(),
      onLockedUnion: (n) => postOn(sideHttp.call, held, n)(),
    });
    await sideHttp.close();
    console.log(`isolation — ${UNIONS - 1} unions under the same load, one more union held under its posting lock and audit chain head:`);
    console.log(formatResult('HTTP, no union held', iso.unlocked));
    console.log(formatResult('HTTP, one union held', iso.locked));
    console.log(formatSide('  the held union, not held (2 clients)', iso.heldUnion.unlocked));
    console.log(formatSide('  the held union, held (2 clients)', iso.heldUnion.locked));
    console.log(`ratio p99 held / not held: ${(iso.locked.p99 / iso.unlocked.p99).toFixed(2)} (target ≤ 1.5)`);

    const sockets = await pool.query(
      `SELECT count(*) FILTER (WHERE client_addr IS NULL)::int AS unix, count(*) FILTER (WHERE client_addr IS NOT NULL)::int AS tcp
         FROM pg_stat_activity WHERE backend_type = 'client backend'`,
    );
    console.log(`connections: ${sockets.rows[0].unix} over the Unix socket, ${sockets.rows[0].tcp} over TCP`);
    const check = await pool.query(
      `SELECT count(*)::int AS posted,
              (SELECT count(*)::int FROM (SELECT 1 FROM vouchers
                 GROUP BY union_id, period, voucher_type HAVING count(*) <> max(number)) g) AS gapped
         FROM vouchers`,
    );
    console.log(`posted vouchers: ${check.rows[0].posted}; union-period-type sequences with a gap: ${check.rows[0].gapped}`);
    await close();
  } finally {
    await http.close();
    await env.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
