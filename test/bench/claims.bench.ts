import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BENCH_ADMIN, startBenchEnvironment } from './bench-server';
import { benchHttp, Json } from './bench-http';
import { benchStaff } from './bench-staff';
import { cpuPerOp } from './cpu';
import { compareLoads, formatResult, percentile } from './load';
import { dateOf, rawPosting } from './raw-posting';

/**
 * bench:claims — BENCH_UNIONS (100) funded unions, each with its clerk and chair, and the center's
 * accountant and cashier; BENCH_CLIENTS (16) concurrent clients each running whole expense claims back to
 * back over HTTP: create (clerk) → submit (clerk) → approve (chair, reserves the funds) → review
 * (accountant, prepares the payment voucher) → check (director, 审核) → pay (cashier, 出纳) → post (accountant,
 * 记账: the voucher posted, the reservation consumed). By default the center's rule set asks for no
 * documents; BENCH_DOCUMENTS=1 keeps the default rules and uploads one small unique PDF invoice per claim.
 * In alternating rounds with it, on the same unions, the raw posting ceiling of bench:post (one voucher
 * per task, straight through `pg`), so a claim can be set against the vouchers the database could post.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const UNIONS = Number(process.env.BENCH_UNIONS ?? 100);
const DOCUMENTS = process.env.BENCH_DOCUMENTS === '1';
const ROUNDS = 2;
const STEPS = ['create', ...(DOCUMENTS ? ['upload'] : []), 'submit', 'approve', 'review', 'check', 'pay', 'post'];

// The bench logs every union's clerk and chair in from one address: lift the service's login rate limit.
process.env.LOGIN_RATE_LIMIT ??= '10000';

interface BenchUnion {
  id: string;
  clerk: string;
  chair: string;
}

async function main() {
  const env = await startBenchEnvironment({ poolSize: CLIENTS });
  const http = benchHttp(env.baseUrl, CLIENTS);
  const { send, call } = http;
  /** multipart/form-data with the fields before the file, as the attachments endpoint wants them. */
  const upload = (path: string, token: string, fields: Record<string, string>, file: Buffer, fileName: string) => {
    const boundary = `bench${randomBytes(8).toString('hex')}`;
    const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    const body = Buffer.concat([
      Buffer.from(`${head.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return send('POST', path, token, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
  };
  const login = async (username: string, password: string) => (await call('POST', '/api/auth/login', { username, password })).accessToken as string;

  try {
    const staff = await benchStaff(call, 'BENCH');
    const admin = await login(BENCH_ADMIN.username, BENCH_ADMIN.password);
    const person = async (username: string, grant: { role: string; centerId?: string; unionId?: string }) => {
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const created = await call('POST', '/api/users', { username, displayName: username, password }, admin);
      await call('POST', `/api/users/${created.id}/grants`, grant, admin);
      return login(username, password);
    };
    // the center's accountant (from benchStaff) reviews; its cashier pays (出纳 ≠ 会计: two people)
    const cashier = await person('bench-cashier', { role: 'cashier', centerId: staff.centerId });
    if (!DOCUMENTS) {
      const rules = { prohibitedKinds: ['shopping_card'], caps: [], requiredDocuments: [] };
      await call('POST', `/api/centers/${staff.centerId}/claim-rules`, { name: 'bench：不要求单据', effectiveFrom: '2000-01-01', rules }, staff.director);
    }
    const unions: BenchUnion[] = [];
    for (let i = 0; i < UNIONS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, UNIONS - i) }, async (_, j) => {
          const k = i + j;
          const u = await call('POST', '/api/unions', { centerId: staff.centerId, code: `U${k}`, name: `工会 ${k}`, chartTemplate: 'grassroots', firstPeriod: '2026-01' }, staff.director);
          const id = u.id as string;
          // money in the union's share of the pooled account: available funds never go below zero
          await call('POST', `/api/unions/${id}/opening-balances`, { lines: [{ account: '10201', debit: '900000000.00' }, { account: '32205', credit: '900000000.00' }] }, staff.accountant);
          return { id, clerk: await person(`u${k}-clerk`, { role: 'clerk', unionId: id }), chair: await person(`u${k}-chair`, { role: 'chair', unionId: id }) };
        }),
      );
      unions.push(...batch);
    }

    // per-step latencies of the measured claim rounds (successful steps only)
    const stepTimes: Record<string, number[]> = Object.fromEntries(STEPS.map((s) => [s, []]));
    let recording = false;
    const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      let result: T;
      try {
        result = await f();
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
      if (recording) stepTimes[name].push(performance.now() - t0);
      return result;
    };
    let seq = 0;
    const claim = async (worker: number, n: number) => {
      const u = unions[(worker * 7919 + n) % unions.length];
      const base = `/api/unions/${u.id}/claims`;
      const amount = `${100 + (n % 900)}.00`;
      const tag = ++seq;
      const body = {
        kind: 'general',
        purpose: '职工书屋购书',
        eventDate: dateOf(n),
        expenseAccount: '50304',
        payee: { kind: 'bank', name: '某某书店', bank: '工商银行', account: '6222000011112222' },
        lines: [{ description: '图书', quantity: '1', unitPrice: amount, amount }],
      };
      const id = (await step('create', () => call('POST', base, body, u.clerk))).id as string;
      if (DOCUMENTS) {
        const invoiceNumber = String(100_000_000_000 + tag); // 12 digits, unique in the run
        const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Title (bench ${tag}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
        await step('upload', () => upload(`${base}/${id}/attachments`, u.clerk, { kind: 'invoice', invoiceNumber }, pdf, `invoice-${tag}.pdf`));
      }
      await step('submit', () => call('POST', `${base}/${id}/submit`, {}, u.clerk));
      await step('approve', () => call('POST', `${base}/${id}/approve`, { comment: '同意' }, u.chair));
      await step('review', () => call('POST', `${base}/${id}/review`, {}, staff.accountant));
      await step('check', () => call('POST', `${base}/${id}/check`, {}, staff.director));
      const pay = { date: dateOf(n), bankReference: `BENCH${String(tag).padStart(10, '0')}` };
      await step('pay', () => call('POST', `${base}/${id}/pay`, pay, cashier, { 'idempotency-key': `bench-pay-${id}` }));
      await step('post', () => call('POST', `${base}/${id}/post`, {}, staff.accountant));
    };
    const { pool, postRaw, close } = rawPosting(env, { unions: unions.map((u) => u.id), poolSize: CLIENTS });

    console.log(
      `bench:claims — ${UNIONS} unions, ${CLIENTS} clients, ${SECONDS} s in all: ${ROUNDS} alternating rounds of raw and claims, ` +
        `${SECONDS / ROUNDS / 2} s each, ` +
        `${DOCUMENTS ? 'default rules, one PDF invoice uploaded per claim' : 'no documents required'} ` +
        `(service, PostgreSQL and load generator share ${cpus().length} cores)`,
    );
    const { baseline: raw, load: api, baselineCpu, loadCpu } = await compareLoads({
      rounds: ROUNDS,
      seconds: SECONDS / ROUNDS / 2,
      concurrency: CLIENTS,
      servicePid: env.servicePid,
      baseline: postRaw,
      load: claim,
      measuring: (on) => (recording = on),
    });
    console.log(formatResult('raw SQL via pg (ceiling)', raw));
    console.log(`  ${cpuPerOp(baselineCpu, raw.ok)}`);
    console.log(formatResult('HTTP whole claim (4 people)', api));
    console.log(`  ${cpuPerOp(loadCpu, api.ok).replace('per voucher', 'per claim')}`);
    const perStep = STEPS.map((s) => {
      const xs = stepTimes[s].sort((a, b) => a - b);
      return `${s} ${percentile(xs, 50).toFixed(1)}/${percentile(xs, 99).toFixed(1)}`;
    });
    console.log(`  per step p50/p99 ms: ${perStep.join(', ')}`);
    console.log(`HTTP requests per claim: ${STEPS.length} (one payment voucher posted per claim)`);
    console.log(`claims/s ${api.perSecond.toFixed(1)} ÷ raw vouchers/s ${raw.perSecond.toFixed(0)} = ${(api.perSecond / raw.perSecond).toFixed(3)}`);

    await checkInvariants(pool, unions.map((u) => u.id));
    await close();
  } finally {
    await http.close();
    await env.stop();
  }
}

/** After the load: funds never below zero, one voucher per posted claim, no reservation left open on one. */
async function checkInvariants(pool: import('pg').Pool, unionIds: string[]) {
  const funds = await pool.query(
    `SELECT count(*) FILTER (WHERE f.balance - f.reserved < 0)::int AS negative, min(f.balance - f.reserved)::text AS least
       FROM unnest($1::uuid[]) AS u(id), ledger_funds(u.id, '10201') f`,
    [unionIds],
  );
  const claims = await pool.query(
    `SELECT (SELECT count(*)::int FROM claims WHERE status = 'posted') AS paid,
            (SELECT count(*)::int FROM vouchers WHERE source = 'claim') AS vouchers,
            (SELECT count(*)::int FROM claims c JOIN fund_reservations r ON r.union_id = c.union_id AND r.id = c.reservation_id
              WHERE c.status = 'posted' AND r.status = 'open') AS open_on_paid,
            (SELECT count(*)::int FROM claims WHERE status <> 'posted') AS unpaid,
            (SELECT count(*)::int FROM (SELECT 1 FROM vouchers
               GROUP BY union_id, period, voucher_type HAVING count(*) <> max(number)) g) AS gapped`,
  );
  const f = funds.rows[0];
  const c = claims.rows[0];
  const ok = f.negative === 0 && c.paid === c.vouchers && c.open_on_paid === 0;
  console.log(`unions with available funds < 0 on 10201: ${f.negative} of ${unionIds.length} (least available ${f.least})`);
  console.log(`paid and posted claims: ${c.paid}; claim vouchers: ${c.vouchers}; paid claims with an open reservation: ${c.open_on_paid}; claims left unpaid: ${c.unpaid}`);
  console.log(`union-period-type sequences with a gap: ${c.gapped}`);
  console.log(`invariants: ${ok ? 'hold' : 'BROKEN'}`);
  if (!ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
