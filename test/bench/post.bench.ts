import 'reflect-metadata';
import Decimal from 'decimal.js';
import { Pool } from 'pg';
import { Agent, request } from 'undici';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { BooksRepository } from '../../src/ledger/books.repository';
import { ValidVoucher } from '../../src/ledger/domain/voucher.rules';
import { Database } from '../../src/database/database.service';
import { PostingBatcher } from '../../src/ledger/vouchers/posting-batcher';
import { VoucherContextLoader } from '../../src/ledger/vouchers/voucher-context.loader';
import { VouchersRepository } from '../../src/ledger/vouchers/vouchers.repository';
import { SESSION_OPTIONS } from '../../src/database/typeorm.options';
import { startBenchEnvironment } from './bench-server';
import { benchStaff } from './bench-staff';
import { Actor } from '../../src/common/http/actor.decorator';
import { cpus } from 'node:os';
import { cpuPerOp, CpuSnapshot, cpuSnapshot, sumCpu } from './cpu';
import { combine, formatResult, LoadResult, runLoad } from './load';

/**
 * bench:post — 200 unions, 16 concurrent clients posting 4-line vouchers for BENCH_SECONDS (30) each:
 * each voucher prepared by an accountant and posted by a director (制单 and 审核 are two people):
 *   1. the ceiling: the same statements in the same shape, straight through `pg`: the context read and the
 *      draft insert, then the draft read, the context read and the posting, batched as the service batches
 *      them (one statement reads every waiting context; one inserts every waiting voucher with its lines,
 *      deletes their drafts, and triggers number, balance, chain and check them)
 *   2. the service over HTTP: POST /api/unions/:id/vouchers, then POST …/vouchers/:id/post
 * and the ratio of the two, measured in the same run on the same database.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const UNIONS = 200;
const ROUNDS = 2;

function voucherLines(n: number) {
  const a = 100 + (n % 900);
  const b = 50 + (n % 450);
  const c = 10 + (n % 40);
  return [
    { summary: '职工活动', account: '50105', debit: `${a}.00` },
    { summary: '经审会会议', account: '50502', debit: `${b}.50` },
    { summary: '集中户支付', account: '10201', credit: `${a + b - c}.50` },
    { summary: '现金支付', account: '101', credit: `${c}.00` },
  ];
}

const dateOf = (n: number) => `2026-11-${String((n % 28) + 1).padStart(2, '0')}`;

async function main() {
  const env = await startBenchEnvironment({ poolSize: CLIENTS });
  const http = new Agent({ connections: CLIENTS, pipelining: 1 });
  const call = async (method: 'POST' | 'GET', path: string, body?: unknown, token?: string) => {
    const res = await request(`${env.baseUrl}${path}`, {
      method,
      dispatcher: http,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.body.json()) as Record<string, unknown>;
    if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${JSON.stringify(json)}`);
    return json;
  };

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
    const preparer: Actor = { id: null, username: 'bench-prep', name: 'accountant', requestId: null, ip: null };
    const poster: Actor = { id: null, username: 'bench-review', name: 'director', requestId: null, ip: null };

    const pool = new Pool({ connectionString: env.databaseUrl, max: CLIENTS, options: SESSION_OPTIONS });
    const books = new BooksRepository();
    const vouchers = new VouchersRepository();
    // The repositories' own statements, run as the service runs them: named prepared statements on
    // pooled connections, the context read and the posting, each through the same batching.
    const em = { connection: { driver: { master: pool } }, query: (sql: string, p?: unknown[]) => pool.query(sql, p).then((r) => r.rows) } as unknown as EntityManager;
    const batcher = new PostingBatcher({ manager: em } as Database, vouchers);
    const contexts = new VoucherContextLoader({ manager: em } as Database, books);
    const postRaw = async (worker: number, n: number) => {
      const unionId = unions[(worker * 7919 + n + 1) % UNIONS];
      const lines = voucherLines(n).map((l, i) => ({
        lineNo: i + 1,
        summary: l.summary,
        accountCode: l.account,
        side: (l.debit ? 'debit' : 'credit') as 'debit' | 'credit',
        amount: new Decimal(l.debit ?? l.credit!),
        projectCode: null,
        fundType: l.account.startsWith('5') ? ('unrestricted' as const) : null,
      }));
      const total = lines.filter((l) => l.side === 'debit').reduce((sum, l) => sum.plus(l.amount), new Decimal(0));
      const v: ValidVoucher = { date: dateOf(n), period: 202611, type: 'general', red: false, attachmentCount: 0, lines, total };
      const wanted = { period: 202611, accountCodes: ['50105', '50502', '10201', '101'], projectCodes: [] };
      const id = uuidv7();
      await contexts.load(em, unionId, wanted);
      await vouchers.insertDraft(em, unionId, id, v, { source: 'manual', preparer });
      const draft = await vouchers.findDraft(em, unionId, id);
      await vouchers.draftLines(em, unionId, id);
      await contexts.load(em, unionId, wanted);
      const posting = await batcher.post({ unionId, id, voucher: v, source: 'manual', preparer, poster, preparedAt: draft!.createdAt, draftVersion: 1 });
      if (!posting) throw new Error('draft changed');
    };

    console.log(
      `bench:post — ${UNIONS} unions, ${CLIENTS} clients, ${SECONDS} s per load in ${ROUNDS} alternating rounds ` +
        `(service, PostgreSQL and load generator share ${cpus().length} cores)`,
    );
    await runLoad({ seconds: 3, concurrency: CLIENTS, task: postHttp }); // warm-up: JIT, pools, plans
    await runLoad({ seconds: 2, concurrency: CLIENTS, task: postRaw });
    // Alternating rounds, so that the growing tables and background work (autovacuum, checkpoints) weigh
    // on both loads alike.
    const rounds: { raw: LoadResult; api: LoadResult; rawCpu: CpuSnapshot[]; apiCpu: CpuSnapshot[] }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const c0 = cpuSnapshot(env.servicePid);
      const raw = await runLoad({ seconds: SECONDS / ROUNDS, concurrency: CLIENTS, task: postRaw });
      const c1 = cpuSnapshot(env.servicePid);
      const api = await runLoad({ seconds: SECONDS / ROUNDS, concurrency: CLIENTS, task: postHttp });
      const c2 = cpuSnapshot(env.servicePid);
      rounds.push({ raw, api, rawCpu: [c0, c1], apiCpu: [c1, c2] });
    }
    const raw = combine(rounds.map((r) => r.raw));
    const api = combine(rounds.map((r) => r.api));
    console.log(formatResult('raw SQL via pg (ceiling)', raw));
    console.log(`  ${cpuPerOp(sumCpu(rounds.map((r) => r.rawCpu)), raw.ok)}`);
    console.log(formatResult('HTTP draft + post (two users)', api));
    console.log(`  ${cpuPerOp(sumCpu(rounds.map((r) => r.apiCpu)), api.ok)}`);
    console.log(`ratio HTTP / ceiling: ${(api.perSecond / raw.perSecond).toFixed(2)}`);

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
    await pool.end();
  } finally {
    await http.close();
    await env.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
