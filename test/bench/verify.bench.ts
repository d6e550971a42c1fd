import 'reflect-metadata';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PoolClient } from 'pg';
import { BooksVerifier, IntegrityReport } from '../../src/integrity/books-verifier';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff, fundedUnion } from './bench-staff';
import { percentile, runLoad } from './load';
import { rawPosting } from './raw-posting';

/**
 * bench:verify — what verifying a union costs, and whether it can be trusted while people post (issue 15).
 *  1. Cost: one union with BENCH_VOUCHERS posted vouchers (default 2,000), verified (every hash recomputed in
 *     Node, every chained row compared, balances, numbering, the replay) against a baseline in the same
 *     run: reading the same rows in the same kind of snapshot and doing nothing with them.
 *  2. Under load: 16 clients post into that union and others while the same verifier runs back to back,
 *     alternately as before issue 15 (READ COMMITTED: each statement sees its own moment) and as now (one
 *     REPEATABLE READ READ ONLY snapshot). A verdict of "broken" on intact books is a false alarm.
 */
const VOUCHERS = Number(process.env.BENCH_VOUCHERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const UNIONS = 20;

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ READ ONLY';

async function inTransaction<T>(client: PoolClient, isolation: Isolation, work: () => Promise<T>): Promise<T> {
  await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
  try {
    return await work();
  } finally {
    await client.query('COMMIT');
  }
}

async function verifyOnce(client: PoolClient, unionId: string, isolation: Isolation): Promise<{ ms: number; report: IntegrityReport }> {
  const t0 = performance.now();
  const report = await inTransaction(client, isolation, () => new BooksVerifier((sql, p) => client.query(sql, p).then((r) => r.rows)).verify(unionId));
  return { ms: performance.now() - t0, report };
}

/** The rows verification reads, read and dropped: the floor under any verification of them. */
async function readOnly(client: PoolClient, unionId: string): Promise<number> {
  const t0 = performance.now();
  await inTransaction(client, 'REPEATABLE READ READ ONLY', async () => {
    for (const sql of [
      `SELECT * FROM audit_log WHERE union_id = $1 ORDER BY seq`,
      `SELECT * FROM chain_records WHERE union_id = $1 ORDER BY seq`,
      `SELECT * FROM vouchers WHERE union_id = $1`,
      `SELECT * FROM voucher_lines WHERE union_id = $1`,
      `SELECT * FROM account_balances WHERE union_id = $1`,
    ]) await client.query(sql, [unionId]);
  });
  return performance.now() - t0;
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
const brokenParts = (r: IntegrityReport) =>
  (['audit', 'records', 'legacyVouchers', 'balances', 'numbering', 'semantics'] as const).filter((k) => !r[k].ok).join('+');

async function main() {
  const env = await startBenchEnvironment({ poolSize: CLIENTS });
  const http = benchHttp(env.baseUrl, CLIENTS);
  try {
    const staff = await benchStaff(http.call, 'VERIFY');
    const unions: string[] = [];
    for (let i = 0; i < UNIONS; i++) unions.push(await fundedUnion(http.call, staff, `V${i}`));
    const target = unions[0];
    const fill = rawPosting(env, { unions: [target], poolSize: CLIENTS });
    let n = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async (_, w) => {
      while (n < VOUCHERS) await fill.postRaw(w, n++);
    }));
    await fill.close();

    const { pool, postRaw, close } = rawPosting(env, { unions: [target, target, target, ...unions.slice(1)], poolSize: CLIENTS + 1 });
    const client = await pool.connect();
    const size = await pool.query(
      `SELECT (SELECT count(*) FROM chain_records WHERE union_id = $1)::int AS records, (SELECT count(*) FROM audit_log WHERE union_id = $1)::int AS audit,
              (SELECT count(*) FROM voucher_lines WHERE union_id = $1)::int AS lines`,
      [target],
    );
    const { records, audit, lines } = size.rows[0];
    console.log(`bench:verify — ${cpus().length} cores, shared; the union: ${n} vouchers, ${lines} lines, ${records} books-chain records, ${audit} audit records`);

    // 1. cost, idle: alternate the baseline and the verifier, three of each
    const read: number[] = [];
    const verified: number[] = [];
    for (let i = 0; i < 3; i++) {
      read.push(await readOnly(client, target));
      const { ms, report } = await verifyOnce(client, target, 'REPEATABLE READ READ ONLY');
      if (!report.ok) throw new Error(`the books do not verify at rest: ${brokenParts(report)}`);
      verified.push(ms);
    }
    const [r, v] = [median(read), median(verified)];
    console.log(`idle: read the rows ${r.toFixed(0)} ms (baseline); verify ${v.toFixed(0)} ms; ratio ${(v / r).toFixed(1)}; ${((records + audit) / (v / 1000)).toFixed(0)} chain links/s`);

    // 2. under load: the verifier back to back, alternating isolation, while the clients post
    const outcomes: Record<Isolation, { ms: number[]; falseAlarms: number; parts: Set<string> }> = {
      'READ COMMITTED': { ms: [], falseAlarms: 0, parts: new Set() },
      'REPEATABLE READ READ ONLY': { ms: [], falseAlarms: 0, parts: new Set() },
    };
    let posting = true;
    const load = runLoad({ seconds: SECONDS, concurrency: CLIENTS, task: postRaw }).finally(() => (posting = false));
    for (let i = 0; posting; i++) {
      const isolation: Isolation = i % 2 === 0 ? 'READ COMMITTED' : 'REPEATABLE READ READ ONLY';
      const { ms, report } = await verifyOnce(client, target, isolation);
      const o = outcomes[isolation];
      o.ms.push(ms);
      if (!report.ok) {
        o.falseAlarms++;
        o.parts.add(brokenParts(report));
      }
    }
    const posted = await load;
    console.log(`under load: ${posted.perSecond.toFixed(0)} vouchers/s posted by ${CLIENTS} clients for ${SECONDS} s (errors ${posted.errors})`);
    for (const [isolation, o] of Object.entries(outcomes)) {
      const parts = o.parts.size ? ` (broken: ${[...o.parts].join(', ')})` : '';
      console.log(`  ${isolation.padEnd(26)} ${o.falseAlarms} of ${o.ms.length} verifications said broken${parts}; median ${median(o.ms).toFixed(0)} ms`);
    }
    const after = await verifyOnce(client, target, 'REPEATABLE READ READ ONLY');
    console.log(`after the load: ${after.report.ok ? 'ok' : `BROKEN ${brokenParts(after.report)}`}`);
    client.release();
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
