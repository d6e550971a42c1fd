import 'reflect-metadata';
import Decimal from 'decimal.js';
import { ConfigService } from '@nestjs/config';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { BooksRepository } from '../../src/ledger/books.repository';
import { Database } from '../../src/database/database.service';
import { outflows } from '../../src/ledger/domain/funds.rules';
import { VoucherBatcher } from '../../src/ledger/vouchers/voucher-batcher';
import { VouchersRepository } from '../../src/ledger/vouchers/vouchers.repository';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { startBenchEnvironment } from './bench-server';
import { formatResult, runLoad } from './load';
import { benchStaff, Call } from './bench-staff';
import { benchHttp } from './bench-http';
import { dateOf, voucherLines } from './raw-posting';

/**
 * Developer tool: the raw posting load (or with PROFILE_HTTP=1 the service's draft + post over HTTP) under
 * pg_stat_statements, to see where the database spends its time per voucher.
 */
async function main() {
  const env = await startBenchEnvironment({
    poolSize: 16,
    pgFlags: ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'track_functions=all', '-c', 'pg_stat_statements.track_planning=on'],
  });
  const pool = new Pool({ connectionString: env.databaseUrl, max: 16, options: SESSION_OPTIONS });
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const call: Call = async (method, path, body, token) =>
    (await (
      await fetch(`${env.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const staff = await benchStaff(call, 'P');
  const unions: string[] = [];
  for (let i = 0; i < 200; i++) {
    const u = await call('POST', '/api/unions', { centerId: staff.centerId, code: `U${i}`, name: 'u', chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director);
    unions.push(u.id as string);
    await call('POST', `/api/unions/${u.id}/opening-balances`, { lines: [{ account: '10201', debit: '900000000.00' }, { account: '32205', credit: '900000000.00' }] }, staff.accountant);
  }
  const books = new BooksRepository();
  const vouchers = new VouchersRepository();
  const em = { connection: { driver: { master: pool } }, query: (sql: string, p?: unknown[]) => pool.query(sql, p).then((r) => r.rows) } as unknown as EntityManager;
  const batcher = new VoucherBatcher({ manager: em } as Database, vouchers, new ConfigService({ DB_POOL_SIZE: 16 }));
  let task = async (w: number, n: number) => {
    const unionId = unions[(w * 7919 + n) % unions.length];
    const lines = [['50105', 'debit', '100'], ['50502', 'debit', '50'], ['10201', 'credit', '140'], ['101', 'credit', '10']].map(([a, s, m], i) => ({ lineNo: i + 1, summary: 's', accountCode: a, side: s as 'debit', amount: new Decimal(m), projectCode: null, fundType: null }));
    const ctx = await books.voucherContext(em, unionId, { period: 202611, accountCodes: ['50105', '50502', '10201', '101'], projectCodes: [] });
    await batcher.post(
      { unionId, id: uuidv7(), voucher: { date: '2026-11-05', period: 202611, type: 'general', red: false, attachmentCount: 0, lines, total: new Decimal(0) }, source: 'manual', preparer: { id: null, name: 'p' }, poster: { id: null, username: 'p', name: 'p', requestId: null, ip: null } },
      { outflows: outflows(lines), available: ctx.funds },
    );
  };
  const http = benchHttp(env.baseUrl, 16);
  const taskHttp = async (w: number, n: number) => {
    const base = `/api/unions/${unions[(w * 7919 + n) % unions.length]}/vouchers`;
    const draft = await http.call('POST', base, { date: dateOf(n), lines: voucherLines(n) }, staff.accountant);
    await http.call('POST', `${base}/${draft.id}/post`, {}, staff.director);
  };
  if (process.env.PROFILE_HTTP === '1') task = taskHttp;
  await runLoad({ seconds: 2, concurrency: 16, task });
  await pool.query('SELECT pg_stat_statements_reset()');
  await pool.query('SELECT pg_stat_reset()');
  const r = await runLoad({ seconds: 10, concurrency: 16, task });
  console.log(formatResult('raw', r));
  const n = r.ok;
  const top = await pool.query(`SELECT calls, round((total_exec_time / $1 * 1000)::numeric, 0) AS exec_us, round((total_plan_time / $1 * 1000)::numeric, 0) AS plan_us, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
    FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 22`, [n]);
  console.log('per voucher, µs:');
  for (const row of top.rows) console.log(String(row.exec_us).padStart(6), String(row.plan_us).padStart(5), String(row.calls).padStart(7), row.q);
  const fns = await pool.query(`SELECT funcname, calls, round((self_time / $1 * 1000)::numeric, 0) AS self_us, round((total_time / $1 * 1000)::numeric, 0) AS total_us FROM pg_stat_user_functions ORDER BY total_time DESC`, [n]);
  console.log('functions per voucher (µs self / total):');
  for (const f of fns.rows) console.log(`  ${f.funcname.padEnd(32)} ${f.self_us} / ${f.total_us}  (${f.calls} calls)`);
  await pool.end();
  await http.close();
  await env.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
