import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../bench/bench-server';
import { dateOf, voucherLines } from '../bench/raw-posting';
import { alive, kill, postmasterPid, ServiceProcess, startService, waitHealthy } from '../support/service-process';

/**
 * npm run test:crash — the service is killed (kill -9) while vouchers are being posted, a few times, and
 * started again with `npm start` after each kill, as an operator (or systemd) would. Each start must succeed
 * at the first attempt. The rounds kill, in turn:
 *   - the service only (its embedded PostgreSQL is left running, orphaned);
 *   - PostgreSQL while the service runs (the service must answer 503 meanwhile and recover by itself),
 *     then the service;
 *   - both at once;
 *   - both, and then the pid file is made to name some other live process (a pid reused after a reboot).
 * At the end every voucher whose posting was acknowledged must be there with the number it was given,
 * the numbering must be gapless, and `npm run verify` must pass.
 *
 * CRASH_MEASURE=1 reports how many first starts failed instead of stopping at the first failure (for
 * measuring an old build): a failed start is then retried after clearing what blocks it, as an operator
 * would.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 8);
const WORKERS = 6;
const MEASURE = process.env.CRASH_MEASURE === '1';
const KINDS = ['service', 'postgres-then-service', 'both', 'service', 'stale-pid', 'postgres-then-service', 'both', 'service'] as const;
type Kind = (typeof KINDS)[number];

const ADMIN = { username: 'crash-admin', password: 'crash-admin-password' };

interface Ack {
  unionId: string;
  id: string;
  number: number;
  period: number;
  type: string;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const work = mkdtempSync(join(tmpdir(), 'union-ledger-crash-'));
  chmodSync(work, 0o755); // as root the embedded server runs as 'postgres', which must enter it
  const dataDir = join(work, 'data');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    SWAGGER_ENABLED: 'false',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_LIMIT: '10000',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_ITERATIONS: '1',
  };
  delete env.DATABASE_URL;
  console.log(`test:crash — ${ROUNDS} rounds, ${WORKERS} posting clients, data in ${dataDir}, logs in ${work}`);

  const acks: Ack[] = [];
  const failures: string[] = [];
  let firstStartFailures = 0;
  let setup: { unions: string[]; accountant: string; director: string } | undefined;
  let service: ServiceProcess | undefined;
  let decoy: ReturnType<typeof spawn> | undefined;

  try {
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const last = round === ROUNDS + 1;
      const kind: Kind = KINDS[(round - 1) % KINDS.length];
      const started = Date.now();
      service = startService({ cwd: root, env, port, logFile: join(work, `round-${round}.log`) });
      if (!(await waitHealthy(service, 180_000))) {
        firstStartFailures++;
        const tail = readFileSync(service.logFile, 'utf8').split('\n').slice(-8).join('\n');
        const message = `round ${round}: the first start failed\n${tail}`;
        if (!MEASURE) throw new Error(message);
        console.log(message);
        service = await startAsAnOperatorWould(service, dataDir, root, env, port, work, round);
      }
      console.log(`round ${round}: service up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      decoy?.kill('SIGKILL');
      decoy = undefined;
      setup ??= await prepare(service.baseUrl);
      const tokens = { accountant: await login(service.baseUrl, setup.accountant), director: await login(service.baseUrl, setup.director) };
      if (last) break;

      const load = postingLoad(service.baseUrl, setup.unions, tokens, acks);
      await sleep(1500 + Math.random() * 2000);
      if (kind === 'postgres-then-service') {
        const outcome = await killPostgresUnderService(service, dataDir, load);
        console.log(`round ${round}: PostgreSQL killed under the service: ${outcome.summary}`);
        if (!outcome.ok) {
          failures.push(`round ${round}: ${outcome.summary}`);
          if (!MEASURE) throw new Error(failures.at(-1));
        }
      }
      const nodePid = service.nodePid();
      const pgPid = postmasterPid(dataDir);
      kill(nodePid, 'SIGKILL');
      if (kind === 'both' || kind === 'stale-pid') kill(pgPid, 'SIGKILL');
      await service.exited;
      await load.stop();
      if (kind === 'stale-pid') {
        // the postmaster is gone; its pid file now names a live process that is not a postgres (as after a reboot)
        for (let i = 0; i < 50 && alive(pgPid); i++) await sleep(100);
        decoy = spawn('sleep', ['600'], { stdio: 'ignore' });
        const file = join(dataDir, 'pg', 'postmaster.pid');
        const lines = readFileSync(file, 'utf8').split('\n');
        lines[0] = String(decoy.pid);
        writeFileSync(file, lines.join('\n'));
      }
      console.log(`round ${round}: killed (${kind}) after ${load.posted()} postings this round; ${acks.length} acknowledged in all`);
    }

    const problems = await checkBooks(service!.baseUrl, acks, { accountant: await login(service!.baseUrl, setup!.accountant) });
    failures.push(...problems);
    const verify = spawnSync('npm', ['run', 'verify'], { cwd: root, env, encoding: 'utf8' });
    const verdict = verify.stdout.trim().split('\n').at(-1);
    console.log(`npm run verify: exit ${verify.status}: ${verdict}`);
    if (verify.status !== 0) failures.push(`npm run verify failed (exit ${verify.status}):\n${verify.stdout}${verify.stderr}`);

    // and a clean stop: SIGTERM to npm stops node and PostgreSQL
    const pgPid = postmasterPid(dataDir);
    const nodePid = service!.nodePid();
    kill(service!.npm.pid, 'SIGTERM');
    await Promise.race([service!.exited, sleep(60_000)]);
    for (let i = 0; i < 100 && (alive(nodePid) || alive(pgPid)); i++) await sleep(100);
    if (alive(nodePid) || alive(pgPid)) failures.push(`after SIGTERM to npm start: node ${alive(nodePid) ? 'still runs' : 'stopped'}, PostgreSQL ${alive(pgPid) ? 'still runs' : 'stopped'}`);
    service = undefined;
  } finally {
    decoy?.kill('SIGKILL');
    if (service) {
      kill(service.nodePid(), 'SIGKILL');
      kill(service.npm.pid, 'SIGKILL');
    }
    const pg = postmasterPid(dataDir);
    if (alive(pg)) kill(pg, 'SIGQUIT');
  }

  console.log(`first starts that failed: ${firstStartFailures} of ${ROUNDS + 1}; acknowledged postings: ${acks.length}`);
  if (failures.length > 0 || firstStartFailures > 0) {
    console.error(`test:crash FAILED\n${failures.join('\n')}\n(logs kept in ${work})`);
    process.exitCode = 1;
  } else {
    console.log('test:crash passed');
    rmSync(work, { recursive: true, force: true });
  }
}

/** For CRASH_MEASURE: what an operator does when the service will not start — stop the leftover server, try again. */
async function startAsAnOperatorWould(failed: ServiceProcess, dataDir: string, root: string, env: NodeJS.ProcessEnv, port: number, work: string, round: number) {
  kill(failed.nodePid(), 'SIGKILL');
  await failed.exited;
  for (let attempt = 2; attempt <= 5; attempt++) {
    const pg = postmasterPid(dataDir);
    if (alive(pg)) kill(pg, 'SIGINT');
    for (let i = 0; i < 100 && alive(pg); i++) await sleep(100);
    await sleep(2000);
    const service = startService({ cwd: root, env, port, logFile: join(work, `round-${round}-attempt-${attempt}.log`) });
    if (await waitHealthy(service, 180_000)) return service;
    kill(service.nodePid(), 'SIGKILL');
    await service.exited;
  }
  throw new Error(`round ${round}: the service did not start after 5 attempts`);
}

type Call = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;

function caller(baseUrl: string): Call {
  return async (method, path, body, token) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

async function must(call: Call, method: string, path: string, body?: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const passwordOf = (username: string) => `Secret-${username.replace('crash-', '')}-0123456789`;

async function login(baseUrl: string, who: string | { username: string; password: string }): Promise<string> {
  const credentials = typeof who === 'string' ? { username: who, password: passwordOf(who) } : who;
  return (await must(caller(baseUrl), 'POST', '/api/auth/login', credentials)).accessToken as string;
}

/** A center with an accountant (prepares) and a director (posts), and four funded unions. */
async function prepare(baseUrl: string) {
  const call = caller(baseUrl);
  const admin = await login(baseUrl, ADMIN);
  const center = await must(call, 'POST', '/api/centers', { code: 'CRASH', name: '崩溃测试中心' }, admin);
  const users: string[] = [];
  for (const role of ['accountant', 'director']) {
    const username = `crash-${role}`;
    const user = await must(call, 'POST', '/api/users', { username, displayName: role, password: passwordOf(username) }, admin);
    await must(call, 'POST', `/api/users/${user.id}/grants`, { role, centerId: center.id }, admin);
    users.push(username);
  }
  const [accountant, director] = users;
  const [accountantToken, directorToken] = [await login(baseUrl, accountant), await login(baseUrl, director)];
  const unions: string[] = [];
  for (let i = 0; i < 4; i++) {
    const u = await must(call, 'POST', '/api/unions', { centerId: center.id, code: `C${i}`, name: `工会 ${i}`, chartTemplate: 'grassroots', firstPeriod: '2026-01' }, directorToken);
    await must(call, 'POST', `/api/unions/${u.id}/opening-balances`, { lines: [{ account: '10201', debit: '900000000.00' }, { account: '32205', credit: '900000000.00' }] }, accountantToken);
    unions.push(u.id as string);
  }
  return { unions, accountant, director };
}

/** Clients preparing and posting vouchers back to back; every posting answered 200 is acknowledged. */
function postingLoad(baseUrl: string, unions: string[], tokens: { accountant: string; director: string }, acks: Ack[]) {
  const call = caller(baseUrl);
  let running = true;
  let posted = 0;
  const statuses = new Map<number, number>();
  let lastOk = 0;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let n = 0; running; n++) {
      const unionId = unions[(w + n) % unions.length];
      try {
        const draft = await call('POST', `/api/unions/${unionId}/vouchers`, { date: dateOf(n), lines: voucherLines(n) }, tokens.accountant);
        statuses.set(draft.status, (statuses.get(draft.status) ?? 0) + 1);
        if (draft.status !== 201) {
          await sleep(100);
          continue;
        }
        const res = await call('POST', `/api/unions/${unionId}/vouchers/${draft.body.id}/post`, {}, tokens.director);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) {
          const b = res.body as { id: string; number: number; period: number; type: string };
          acks.push({ unionId, id: b.id, number: b.number, period: b.period, type: b.type });
          posted++;
          lastOk = Date.now();
        } else {
          await sleep(100);
        }
      } catch {
        await sleep(100); // connection refused or reset: the service is down
      }
    }
  });
  return {
    posted: () => posted,
    statuses,
    lastOk: () => lastOk,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

/**
 * Kills the embedded PostgreSQL under the running service: while it is down, answers must be 503, never
 * 500, and /health must say so; then postings must succeed again without restarting the service.
 */
async function killPostgresUnderService(service: ServiceProcess, dataDir: string, load: ReturnType<typeof postingLoad>) {
  const pg = postmasterPid(dataDir);
  const before = new Map(load.statuses);
  const killedAt = Date.now();
  kill(pg, 'SIGKILL');
  let healthDown = false;
  let recoveredAt: number | undefined;
  while (Date.now() - killedAt < 60_000) {
    try {
      const health = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
      if (health.status === 503) healthDown = true;
    } catch {
      /* counted below by the statuses */
    }
    if (load.lastOk() > killedAt + 200) {
      recoveredAt = load.lastOk();
      break;
    }
    await sleep(100);
  }
  await sleep(1000);
  const during = [...load.statuses].map(([s, n]) => [s, n - (before.get(s) ?? 0)] as const).filter(([, n]) => n > 0);
  const errors500 = during.filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
  const summary =
    `${recoveredAt ? `postings resumed after ${((recoveredAt - killedAt) / 1000).toFixed(1)} s` : 'postings did not resume within 60 s'}, ` +
    `/health ${healthDown ? 'reported 503' : 'never reported 503'}, answers meanwhile ${during.map(([s, n]) => `${s}×${n}`).join(' ')}`;
  return { ok: recoveredAt !== undefined && errors500 === 0, summary };
}

/** Every acknowledged voucher is posted under the number it was given; numbering is checked by verify. */
async function checkBooks(baseUrl: string, acks: Ack[], tokens: { accountant: string }): Promise<string[]> {
  const call = caller(baseUrl);
  const problems: string[] = [];
  for (let i = 0; i < acks.length; i += 8) {
    await Promise.all(
      acks.slice(i, i + 8).map(async (a) => {
        const res = await call('GET', `/api/unions/${a.unionId}/vouchers/${a.id}`, undefined, tokens.accountant);
        if (res.status !== 200 || res.body.status !== 'posted' || res.body.number !== a.number) {
          problems.push(`acknowledged voucher ${a.id} (number ${a.number}): ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }),
    );
  }
  console.log(`acknowledged vouchers found posted with their numbers: ${acks.length - problems.length} of ${acks.length}`);
  return problems;
}

main().catch((err: unknown) => {
  console.error('test:crash FAILED:', err instanceof Error ? err.message : err);
  process.exit(1);
});
