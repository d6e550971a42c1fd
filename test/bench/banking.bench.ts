import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { MatchesRepository } from '../../src/banking/reconciliation/matches.repository';
import { bulkUnions, csvText } from '../support/banking';
import { BENCH_ADMIN, startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff } from './bench-staff';
import { rawPosting, RawVoucher } from './raw-posting';

/**
 * bench:banking — (1) a BENCH_ROWS-row (2,000) allocation file uploaded (whole-file check) and posted over
 * HTTP, against posting the same vouchers (Dr the union's share / Cr 402, one per union) through the raw
 * posting path of bench:post in the same run; (2) matching a BENCH_LINES-line (20,000) statement against as
 * many book lines: the statement is imported first (nothing to match yet), then the vouchers are posted
 * raw, then `POST …/matches/auto` is timed, with the service's peak RSS.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const LINES = Number(process.env.BENCH_LINES ?? 20000);
const WORKERS = 8;

function memory(pid: number): { rss: number; peak: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function main() {
  const env = await startBenchEnvironment({ poolSize: WORKERS });
  const http = benchHttp(env.baseUrl, WORKERS);
  const { send, call } = http;
  const upload = (path: string, token: string, fields: Record<string, string>, file: Buffer, fileName: string) => {
    const boundary = `bench${randomBytes(8).toString('hex')}`;
    const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    const body = Buffer.concat([
      Buffer.from(`${head.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return send('POST', path, token, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
  };
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', { username, password })).accessToken as string;
  const raws: { close(): Promise<void> }[] = [];
  try {
    const staff = await benchStaff(call, 'BANK');
    const admin = await login(BENCH_ADMIN.username, BENCH_ADMIN.password);
    const created = await call('POST', '/api/users', { username: 'bank-cashier', displayName: '出纳', password: 'pw-cashier-0123456789' }, admin);
    await call('POST', `/api/users/${created.id}/grants`, { role: 'cashier', centerId: staff.centerId }, admin);
    const cashier = await login('bank-cashier', 'pw-cashier-0123456789');
    const accountId = ((await call('GET', `/api/centers/${staff.centerId}/bank-accounts`, undefined, staff.director)) as unknown as { id: string }[])[0].id;
    console.log(`bench:banking — ${ROWS}-row allocation, ${LINES}-line statement (service, PostgreSQL and load generator share ${cpus().length} cores; the machine is shared)`);

    // (1) allocation against the raw posting path, on two sets of unions of the same size
    const env2 = { databaseUrl: env.databaseUrl };
    const setup = rawPosting(env2, { unions: [], poolSize: 2 });
    raws.push(setup);
    const forAllocation = await bulkUnions(setup.pool, staff.centerId, ROWS, { firstPeriod: 202601, prefix: 'A' });
    const forRaw = await bulkUnions(setup.pool, staff.centerId, ROWS, { firstPeriod: 202601, prefix: 'R' });
    const amountOf = (n: number) => `${100 + (n % 900)}.${String(n % 100).padStart(2, '0')}`;
    const allocationVoucher = (n: number): RawVoucher => ({
      date: '2026-04-10',
      period: 202604,
      lines: [
        { summary: '经费返还', account: '10201', debit: amountOf(n) },
        { summary: '经费返还', account: '402', credit: amountOf(n) },
      ],
    });
    const raw = rawPosting(env2, { unions: forRaw.map((u) => u.id), poolSize: WORKERS, voucher: allocationVoucher, unionOf: (_w, n) => forRaw[n].id });
    raws.push(raw);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
      for (let n = next++; n < ROWS; n = next++) await raw.postRaw(w, n);
    }));
    const rawSeconds = (performance.now() - t0) / 1000;

    const rows = forAllocation.map((u, n) => [u.code, '', amountOf(n), '拨缴经费', '经费返还']);
    const total = rows.reduce((s, r) => s + Math.round(Number(r[2]) * 100), 0);
    const credit = { bankAccountId: accountId, creditDate: '2026-04-10', creditAmount: (total / 100).toFixed(2), creditReference: 'BENCH-ALLOC-1', payer: '某市总工会' };
    const t1 = performance.now();
    const batch = await upload(`/api/centers/${staff.centerId}/allocations`, cashier, credit, Buffer.from(csvText(['工会编码', '工会名称', '金额', '类型', '摘要'], rows)), 'alloc.csv');
    const t2 = performance.now();
    await call('POST', `/api/centers/${staff.centerId}/allocations/${batch.id}/post`, {}, staff.accountant);
    const t3 = performance.now();
    const allocSeconds = (t3 - t1) / 1000;
    console.log(`raw posting path: ${ROWS} vouchers in ${rawSeconds.toFixed(2)} s = ${(ROWS / rawSeconds).toFixed(0)} vouchers/s (${WORKERS} workers)`);
    console.log(
      `allocation over HTTP: upload+check ${((t2 - t1) / 1000).toFixed(2)} s, post ${((t3 - t2) / 1000).toFixed(2)} s; ${ROWS} rows in ${allocSeconds.toFixed(2)} s = ${(ROWS / allocSeconds).toFixed(0)} rows/s`,
    );
    console.log(`allocation ÷ raw = ${(ROWS / allocSeconds / (ROWS / rawSeconds)).toFixed(2)} (target ≥ 0.5)`);

    // (2) matching: a statement of LINES lines, then as many vouchers on the shares, then automatic matching
    const day = (n: number) => `2026-05-${String((n % 28) + 1).padStart(2, '0')}`;
    const money = (n: number) => `${1 + Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`; // distinct per line
    const units = forRaw.concat(forAllocation);
    const order = Array.from({ length: LINES }, (_, n) => n).sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a - b));
    let cents = 0;
    const statement = order.map((n) => {
      cents += Math.round(Number(money(n)) * 100);
      return [day(n), '', money(n), (cents / 100).toFixed(2), ''];
    });
    const opening = await call('GET', `/api/centers/${staff.centerId}/bank-accounts/${accountId}/position?date=2026-04-30`, undefined, cashier);
    const startCents = Math.round(Number(opening.bookBalance) * 100);
    const file = csvText(['交易日期', '借方发生额', '贷方发生额', '余额', '交易流水号'], [
      ['2026-04-30', '', (startCents / 100).toFixed(2), (startCents / 100).toFixed(2), 'OPENING'],
      ...statement.map((r) => [r[0], r[1], r[2], ((Number(r[3]) * 100 + startCents) / 100).toFixed(2), r[4]]),
    ]);
    const t4 = performance.now();
    await upload(`/api/centers/${staff.centerId}/bank-accounts/${accountId}/statements`, cashier, {}, Buffer.from(file), 'may.csv');
    const importSeconds = (performance.now() - t4) / 1000;
    // the book side: LINES receipt-like vouchers (Dr the share / Cr 408) spread over the unions, posted in one
    // transaction by plain SQL (the triggers number, balance and check them as for any posting)
    const t6 = performance.now();
    const ids = Array.from({ length: LINES }, () => randomUUID());
    const client = await setup.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, preparer, posted_by)
         SELECT x.u, x.id, x.d, ledger_period_of(x.d), 'general', 99, 'bench', 'bench' FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS x(u, id, d)`,
        [ids.map((_, n) => units[n % units.length].id), ids, ids.map((_, n) => day(n))],
      );
      await client.query(
        `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, fund_type)
         SELECT x.u, x.id, s.line_no, x.d, '收入', s.account, CASE WHEN s.line_no = 1 THEN x.a ELSE 0 END, CASE WHEN s.line_no = 2 THEN x.a ELSE 0 END, s.fund_type
           FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::numeric[]) AS x(u, id, d, a),
                (VALUES (1, '10201', NULL::varchar), (2, '408', 'unrestricted')) AS s(line_no, account, fund_type)`,
        [ids.map((_, n) => units[n % units.length].id), ids, ids.map((_, n) => day(n)), ids.map((_, n) => money(n))],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
    console.log(`book side: ${LINES} vouchers posted by SQL in ${((performance.now() - t6) / 1000).toFixed(1)} s`);
    if (process.env.BENCH_EXPLAIN === '1') await explainReads(setup.pool, staff.centerId, accountId);
    const before = memory(env.servicePid!);
    const t5 = performance.now();
    const matched = await call('POST', `/api/centers/${staff.centerId}/bank-accounts/${accountId}/matches/auto`, {}, cashier);
    const matchSeconds = (performance.now() - t5) / 1000;
    const after = memory(env.servicePid!);
    console.log(`statement import (${LINES + 1} lines, checked, nothing to match yet): ${importSeconds.toFixed(2)} s`);
    console.log(
      `automatic matching of ${LINES + 1} statement lines against ${LINES + ROWS * 2} book lines: ${matchSeconds.toFixed(2)} s (target < 5 s); ` +
        `confirmed ${matched.confirmed}, proposed ${matched.proposed}; service RSS ${before.rss.toFixed(0)} → ${after.rss.toFixed(0)} MB, peak ${after.peak.toFixed(0)} MB (target < 300 MB)`,
    );
  } finally {
    for (const r of raws) await r.close();
    await http.close();
    await env.stop();
  }
}

/** BENCH_EXPLAIN=1: EXPLAIN ANALYZE of the reads automatic matching makes, printed before the timed run. */
async function explainReads(pool: Pool, centerId: string, accountId: string): Promise<void> {
  const repo = new MatchesRepository();
  const em = {
    query: async (sql: string, params: unknown[]) => {
      const t = performance.now();
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`--- ${((performance.now() - t) / 1000).toFixed(2)} s\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      return [];
    },
  } as unknown as EntityManager;
  await repo.openStatementLines(em, centerId, accountId);
  await repo.openBookLines(em, centerId, accountId);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
