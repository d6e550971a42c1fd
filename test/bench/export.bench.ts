import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff } from './bench-staff';

/**
 * bench:export — one union with BENCH_LINES (1,000,000) posted lines over eleven months, exported as its
 * subsidiary ledgers (明细账: every line with its running balance) by a background job of the service;
 * rows/s and the service's peak RSS while it writes, against a bare exceljs script writing the same number
 * of ledger-shaped rows in the same run (its own process, no database).
 */
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const PER_VOUCHER = 100;
const EXPENSES = ['50101', '50102', '50105', '50304', '50502'];

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main() {
  const exportDir = mkdtempSync(join(tmpdir(), 'union-ledger-exports-'));
  process.env.EXPORT_DIR = exportDir;
  const env = await startBenchEnvironment({ poolSize: 4 });
  const http = benchHttp(env.baseUrl, 1);
  const { call } = http;
  const pool = new Pool({ connectionString: env.databaseUrl, max: 4, options: SESSION_OPTIONS });
  try {
    const staff = await benchStaff(call, 'EXPORT');
    const union = await call('POST', '/api/unions', { centerId: staff.centerId, code: 'E1', name: '导出基准工会', chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director);
    const unionId = union.id as string;
    await call('POST', `/api/unions/${unionId}/opening-balances`, { lines: [{ account: '10201', debit: '900000000000.00' }, { account: '32205', credit: '900000000000.00' }] }, staff.accountant);

    // the lines, posted through the database's own triggers (numbering, balances, chain), 100 to a voucher
    const seedStart = Date.now();
    const vouchers = Math.ceil(LINES / PER_VOUCHER);
    let next = 0;
    const seed = async () => {
      for (let v = next++; v < vouchers; v = next++) {
        const month = 1 + (v % 11);
        const date = `2026-${String(month).padStart(2, '0')}-${String(1 + (v % 28)).padStart(2, '0')}`;
        const id = uuidv7();
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await c.query(`INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, preparer, posted_by) VALUES ($1, $2, $3, $4, 'general', 'bench', 'bench')`, [unionId, id, date, 202600 + month]);
          const n = Math.min(PER_VOUCHER, LINES - v * PER_VOUCHER);
          await c.query(
            `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, fund_type)
             SELECT $1, $2, i, $3::date, '职工活动支出 第 ' || ($4 * 100 + i) || ' 笔',
                    CASE WHEN i % 2 = 1 THEN ($5::text[])[1 + (i / 2) % 5] ELSE '10201' END,
                    CASE WHEN i % 2 = 1 THEN 100 + (i * 7) % 900 + 0.5 ELSE 0 END,
                    CASE WHEN i % 2 = 0 THEN 100 + ((i - 1) * 7) % 900 + 0.5 ELSE 0 END,
                    CASE WHEN i % 2 = 1 THEN 'unrestricted' END
               FROM generate_series(1, $6::int) i`,
            [unionId, id, date, v, EXPENSES, n - (n % 2)],
          );
          await c.query('COMMIT');
        } catch (err) {
          await c.query('ROLLBACK');
          throw err;
        } finally {
          c.release();
        }
      }
    };
    await Promise.all([seed(), seed(), seed(), seed()]);
    const [{ n: lines }] = (await pool.query(`SELECT count(*)::int AS n FROM voucher_lines WHERE union_id = $1`, [unionId])).rows;
    console.log(`bench:export — seeded ${lines} lines in ${vouchers} vouchers in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

    const bare = JSON.parse(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/bench/export-bare.ts', String(lines)], { encoding: 'utf8' }).trim().split('\n').pop()!);

    const before = rssMb(env.servicePid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(env.servicePid!))), 50);
    const started = Date.now();
    const job = await call('POST', `/api/unions/${unionId}/exports`, { kind: 'subsidiary-ledgers', from: '2026-01', to: '2026-12' }, staff.accountant);
    let state = job;
    const percents = new Set<number>();
    while (!['done', 'failed'].includes(state.state as string)) {
      await new Promise((r) => setTimeout(r, 200));
      state = await call('GET', `/api/unions/${unionId}/exports/${job.id}`, undefined, staff.accountant);
      percents.add(state.percent as number);
    }
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    if (state.state !== 'done') throw new Error(`export failed: ${JSON.stringify(state)}`);
    const rows = state.rowsDone as number;
    const perSecond = rows / seconds;
    console.log(`bare exceljs script (baseline)    ${bare.perSecond.toFixed(0)} rows/s   ${bare.seconds.toFixed(1)} s   peak RSS ${bare.peakRssMb.toFixed(0)} MB`);
    console.log(`service export job (明细账)        ${perSecond.toFixed(0)} rows/s   ${seconds.toFixed(1)} s   peak RSS ${peak.toFixed(0)} MB (${before.toFixed(0)} MB before)`);
    console.log(`rows ${rows}; file ${((state.fileSize as number) / 1048576).toFixed(1)} MB; progress seen: ${[...percents].sort((a, b) => a - b).join(' ')}`);
    console.log(`ratio service / bare: ${(perSecond / bare.perSecond).toFixed(2)} (target ≥ 0.8); peak RSS target ≤ 300 MB: ${peak <= 300 ? 'met' : 'NOT met'}`);
  } finally {
    await pool.end();
    await http.close();
    await env.stop();
    rmSync(exportDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
