import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { backupDatabase } from '../../src/backup/database-backup';
import { restoreAndVerify } from '../../src/cli/restore';
import { derivedRolePasswords, OWNER_ROLE, provisionRoles, SERVICE_ROLE, withRole } from '../../src/database/database-roles';
import { benchHttp } from './bench-http';
import { startBenchEnvironment } from './bench-server';
import { benchStaff } from './bench-staff';

/**
 * bench:backup — one union with BENCH_LINES (300,000) posted lines: npm run backup's snapshot against the floor
 * of reading the same tables (a bare COPY of each to nowhere, same snapshot kind, same run), then the restore
 * into a new database and its verification, timed apart.
 */
const LINES = Number(process.env.BENCH_LINES ?? 300_000);
const PER_VOUCHER = 100;

const seconds = (from: number) => (Date.now() - from) / 1000;

async function main() {
  const env = await startBenchEnvironment({ poolSize: 4 });
  const http = benchHttp(env.baseUrl, 1);
  const pool = new Pool({ connectionString: env.databaseUrl, max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'union-ledger-backups-'));
  try {
    const staff = await benchStaff(http.call, 'BACKUP');
    const union = await http.call('POST', '/api/unions', { centerId: staff.centerId, code: 'B1', name: '备份基准工会', chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director);
    const unionId = union.id as string;
    await http.call('POST', `/api/unions/${unionId}/opening-balances`, { lines: [{ account: '10201', debit: '900000000000.00' }, { account: '32205', credit: '900000000000.00' }] }, staff.accountant);
    const vouchers = Math.ceil(LINES / PER_VOUCHER);
    let next = 0;
    const seed = async () => {
      for (let v = next++; v < vouchers; v = next++) {
        const month = 1 + (v % 11);
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const id = uuidv7();
          await c.query(`INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, preparer, posted_by) VALUES ($1, $2, $3, $4, 'general', 'bench', 'bench')`, [unionId, id, `2026-${String(month).padStart(2, '0')}-15`, 202600 + month]);
          await c.query(
            `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
             SELECT $1, $2, i, $3::date, '备份基准 ' || i, CASE WHEN i % 2 = 1 THEN '50101' ELSE '10201' END,
                    CASE WHEN i % 2 = 1 THEN 10.5 ELSE 0 END, CASE WHEN i % 2 = 0 THEN 10.5 ELSE 0 END
               FROM generate_series(1, $4::int) i`,
            [unionId, id, `2026-${String(month).padStart(2, '0')}-15`, PER_VOUCHER],
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
    await pool.query('ANALYZE');
    const passwords = derivedRolePasswords(env.databaseUrl);
    const ownerUrl = withRole(env.databaseUrl, OWNER_ROLE, passwords.owner);

    // baseline: every table of the backup read by COPY in one snapshot, to nowhere (no gzip, no hash, no file)
    const floorStart = Date.now();
    const reader = new Client({ connectionString: ownerUrl });
    await reader.connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: tables } = await reader.query<{ t: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN ('public', 'pgboss') AND c.relname <> 'migrations'`,
    );
    let bytes = 0;
    for (const { t } of tables) {
      await pipeline(reader.query(copyTo(`COPY (SELECT * FROM ${t}) TO STDOUT`)), new Writable({ write: (chunk: Buffer, _e, done) => ((bytes += chunk.length), done()) }));
    }
    await reader.query('COMMIT');
    await reader.end();
    const floor = seconds(floorStart);

    const backupStart = Date.now();
    const { path, manifest } = await backupDatabase(ownerUrl, dir);
    const backup = seconds(backupStart);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);

    const target = 'bench_restored';
    const admin = new Client({ connectionString: env.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${target}`);
    await admin.end();
    const targetAdmin = Object.assign(new URL(env.databaseUrl), { pathname: `/${target}` }).toString();
    await provisionRoles(targetAdmin, target, passwords);
    let restoredAt = 0;
    const restoreStart = Date.now();
    const ok = await restoreAndVerify(
      path,
      { adminUrl: targetAdmin, ownerUrl: withRole(targetAdmin, OWNER_ROLE, passwords.owner), serviceUrl: withRole(targetAdmin, SERVICE_ROLE, passwords.service) },
      (line) => {
        if (line.startsWith('restored ')) restoredAt = Date.now();
      },
    );
    const restore = (restoredAt - restoreStart) / 1000;
    const verify = seconds(restoredAt);
    console.log(`bench:backup — ${rows} rows in ${manifest.tables.length} tables (${LINES} voucher lines), ${(bytes / 1048576).toFixed(0)} MB as COPY text`);
    console.log(`baseline: bare COPY of every table in one snapshot   ${floor.toFixed(1)} s   ${(rows / floor).toFixed(0)} rows/s`);
    console.log(`npm run backup (COPY + gzip + sha256 + files)      ${backup.toFixed(1)} s   ${(rows / backup).toFixed(0)} rows/s   ratio to baseline ${(backup / floor).toFixed(2)}`);
    console.log(`restore (migrations, checksums, COPY in, checks)    ${restore.toFixed(1)} s   ${(rows / restore).toFixed(0)} rows/s`);
    console.log(`verify of the restored books                         ${verify.toFixed(1)} s   verified: ${ok}`);
  } finally {
    await pool.end();
    await http.close();
    await env.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
