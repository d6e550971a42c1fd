import 'reflect-metadata';
import { cpus } from 'node:os';
import { startBenchEnvironment } from './bench-server';
import { benchHttp } from './bench-http';
import { benchStaff, fundedUnion } from './bench-staff';
import { combine, formatResult, LoadResult, runLoad } from './load';
import { rawPosting } from './raw-posting';

/**
 * bench:chain — what the books chain (issue 15) costs a posting: raw posting (bench:post's ceiling) on 200
 * unions with 16 clients, in alternating rounds of two configurations on the same database:
 *   - baseline: as before issue 15 — the voucher chain appends at commit (trigger vouchers_zchain), the
 *     books-chain trigger off;
 *   - books chain: as now — the voucher's record (all its columns and lines) joins the books chain at commit.
 * The triggers are switched (by the superuser) between rounds, never during one.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const UNIONS = 200;
const ROUNDS = 2;

async function main() {
  const env = await startBenchEnvironment({ poolSize: CLIENTS });
  const http = benchHttp(env.baseUrl, CLIENTS);
  try {
    const staff = await benchStaff(http.call, 'CHAIN');
    const unions: string[] = [];
    for (let i = 0; i < UNIONS; i++) unions.push(await fundedUnion(http.call, staff, `C${i}`));
    const { pool, postRaw, close } = rawPosting(env, { unions, poolSize: CLIENTS });
    await pool.query(`CREATE CONSTRAINT TRIGGER vouchers_zchain AFTER INSERT ON vouchers DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_voucher_chain()`);
    const use = async (booksChain: boolean) => {
      await pool.query(`ALTER TABLE vouchers ${booksChain ? 'DISABLE' : 'ENABLE'} TRIGGER vouchers_zchain, ${booksChain ? 'ENABLE' : 'DISABLE'} TRIGGER vouchers_zrecord`);
    };
    console.log(`bench:chain — ${UNIONS} unions, ${CLIENTS} clients, ${SECONDS} s per configuration in ${ROUNDS} alternating rounds (${cpus().length} cores, shared)`);
    await use(true);
    await runLoad({ seconds: 3, concurrency: CLIENTS, task: postRaw });
    const before: LoadResult[] = [];
    const after: LoadResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await use(false);
      before.push(await runLoad({ seconds: SECONDS / ROUNDS, concurrency: CLIENTS, task: postRaw }));
      await use(true);
      after.push(await runLoad({ seconds: SECONDS / ROUNDS, concurrency: CLIENTS, task: postRaw }));
    }
    const [b, a] = [combine(before), combine(after)];
    console.log(formatResult('raw posting, old voucher chain (baseline)', b));
    console.log(formatResult('raw posting, books chain', a));
    console.log(`ratio books chain / baseline: ${(a.perSecond / b.perSecond).toFixed(2)}`);
    const size = await pool.query(
      `SELECT pg_size_pretty(avg(pg_column_size(snapshot))::bigint) AS record FROM chain_records WHERE kind = 'vouchers'`,
    );
    console.log(`average stored record of a 4-line voucher: ${size.rows[0].record}`);
    await pool.query(`DROP TRIGGER vouchers_zchain ON vouchers`);
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
