import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff, fundedUnion } from './bench-staff';

/**
 * bench:pdf — a month of BENCH_VOUCHERS (2,000) posted vouchers of one union (2 to 6 lines each, with
 * people and attachments) printed as one PDF behind its cover, A4 two a page and on 240×140 凭证纸: pages/s,
 * file size per voucher page, the service's peak RSS; against the same vouchers written as the xlsx 凭证序时簿
 * (the direct download) in the same run. Targets: ≤ 300 MB peak RSS, < 30 KB per voucher page.
 */
const VOUCHERS = Number(process.env.BENCH_VOUCHERS ?? 2000);
const EXPENSES = ['50101', '50102', '50105', '50304', '50502'];

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main() {
  const env = await startBenchEnvironment({ poolSize: 4 });
  const http = benchHttp(env.baseUrl, 1);
  const pool = new Pool({ connectionString: env.databaseUrl, max: 4, options: SESSION_OPTIONS });
  try {
    const staff = await benchStaff(http.call, 'PDF');
    const unionId = await fundedUnion(http.call, staff, 'P1');
    await pool.query(`UPDATE center_ledger_settings SET chief_accountant = '王会计主管' WHERE center_id = $1`, [staff.centerId]);
    const seedStart = Date.now();
    let next = 1;
    const seed = async () => {
      for (let v = next++; v <= VOUCHERS; v = next++) {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const id = uuidv7();
          const date = `2026-03-${String(1 + (v % 28)).padStart(2, '0')}`;
          await c.query(
            `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, preparer, posted_by, reviewer, attachment_count)
             VALUES ($1, $2, $3, 202603, 'general', '张制单', '李记账', '赵审核', $4)`,
            [unionId, id, date, v % 5],
          );
          const debits = 1 + (v % 5);
          await c.query(
            `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, fund_type)
             SELECT $1, $2, i, $3::date, '职工活动支出 第 ' || ($4 * 10 + i) || ' 笔（会员活动、慰问）',
                    CASE WHEN i <= $5 THEN ($6::text[])[1 + (i + $4) % 5] ELSE '10201' END,
                    CASE WHEN i <= $5 THEN 100 + (i * 7 + $4) % 900 + 0.5 ELSE 0 END,
                    CASE WHEN i > $5 THEN (SELECT sum(100 + (j * 7 + $4) % 900 + 0.5) FROM generate_series(1, $5) j) ELSE 0 END,
                    CASE WHEN i <= $5 THEN 'unrestricted' END
               FROM generate_series(1, $5 + 1) i`,
            [unionId, id, date, v, debits, EXPENSES],
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
    console.log(`bench:pdf — seeded ${VOUCHERS} vouchers in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`);

    const download = async (path: string) => {
      const before = rssMb(env.servicePid!);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(env.servicePid!))), 50);
      const started = Date.now();
      const res = await fetch(`${env.baseUrl}${path}`, { headers: { authorization: `Bearer ${staff.accountant}` } });
      const body = Buffer.from(await res.arrayBuffer());
      clearInterval(sampler);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.toString().slice(0, 300)}`);
      return { body, seconds: (Date.now() - started) / 1000, peak, before };
    };

    const xlsx = await download(`/api/unions/${unionId}/export?kind=voucher-journal&from=2026-03&to=2026-03`);
    console.log(`xlsx 凭证序时簿 (baseline)   ${xlsx.seconds.toFixed(1)} s   ${(xlsx.body.length / 1048576).toFixed(2)} MB   peak RSS ${xlsx.peak.toFixed(0)} MB (${xlsx.before.toFixed(0)} before)   ${(VOUCHERS / xlsx.seconds).toFixed(0)} vouchers/s`);
    for (const layout of ['a4', 'paper']) {
      const pdf = await download(`/api/unions/${unionId}/vouchers.pdf?period=2026-03&layout=${layout}`);
      const pages = (pdf.body.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
      const perPage = pdf.body.length / 1024 / (pages - 1);
      console.log(
        `PDF ${layout.padEnd(5)} ${pages} pages   ${pdf.seconds.toFixed(1)} s   ${(pages / pdf.seconds).toFixed(0)} pages/s   ${(VOUCHERS / pdf.seconds).toFixed(0)} vouchers/s   ` +
          `${(pdf.body.length / 1048576).toFixed(2)} MB (${perPage.toFixed(1)} KB a page, target < 30: ${perPage < 30 ? 'met' : 'NOT met'})   ` +
          `peak RSS ${pdf.peak.toFixed(0)} MB (target ≤ 300: ${pdf.peak <= 300 ? 'met' : 'NOT met'})   time vs xlsx ${(pdf.seconds / xlsx.seconds).toFixed(2)}×`,
      );
    }
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
