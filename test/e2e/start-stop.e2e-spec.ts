import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../bench/bench-server';
import { alive, kill, postmasterPid, ServiceProcess, startService, waitHealthy } from '../support/service-process';

/**
 * The real `npm start`, as systemd or a container runtime runs it: in a child process of its own session (no
 * terminal), its settings in a .env file (ENV_FILE), stopped by signals sent to npm. Also what start-up does
 * after the service was killed, and what the service does when its PostgreSQL dies under it.
 */
const ROOT = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'ul-start-stop-'));
chmodSync(work, 0o755); // as root the embedded server runs as 'postgres', which must enter it
const dataDir = join(work, 'data');
let port: number;
let env: NodeJS.ProcessEnv;
let service: ServiceProcess | undefined;
let starts = 0;

/** Only what npm needs: nothing of the test process's own settings may leak into the service. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])), ...extra };
}

async function start(extra: Record<string, string> = {}): Promise<ServiceProcess> {
  const s = startService({ cwd: ROOT, env: { ...env, ...extra }, port, logFile: join(work, `start-${++starts}.log`) });
  if (!(await waitHealthy(s, 120_000))) throw new Error(`npm start did not come up:\n${output(s)}`);
  return s;
}

const output = (s: ServiceProcess) => readFileSync(s.logFile, 'utf8');
/** What the service wrote (after npm's `> exec node src/cli/start.js`; prestart's web build comes before): every line one JSON object of the pino logger, or this throws. */
const logged = (s: ServiceProcess): { level: string; time: string; msg: string }[] => {
  const out = output(s);
  const start = out.indexOf('> exec node src/cli/start.js');
  return (start < 0 ? out : out.slice(out.indexOf('\n', start) + 1))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as { level: string; time: string; msg: string };
      } catch {
        throw new Error(`a line of the service's output is not a log record: ${line}`);
      }
    });
};
const said = (s: ServiceProcess, level: string, text: RegExp) => logged(s).some((l) => l.level === level && text.test(l.msg));
const servicePid = (): number => (JSON.parse(readFileSync(join(dataDir, 'union-ledger.pid'), 'utf8')) as { pid: number }).pid;

async function stopWith(signal: NodeJS.Signals): Promise<{ code: number | string; nodeGone: boolean; postgresGone: boolean }> {
  const node = servicePid();
  const pg = postmasterPid(dataDir);
  kill(service!.npm.pid, signal);
  const code = await service!.exited;
  for (let i = 0; i < 100 && (alive(node) || alive(pg)); i++) await sleep(100);
  return { code, nodeGone: !alive(node), postgresGone: !alive(pg) };
}

async function call(path: string, token?: string): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, retryAfter: res.headers.get('retry-after') };
}

beforeAll(async () => {
  // the build, once, before the timed starts (npm start would do it too, when the sources changed)
  const build = spawnSync('node', ['src/cli/start.js', '--build-only'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  port = await freePort();
  const envFile = join(work, 'settings.env');
  writeFileSync(
    envFile,
    [
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `DATA_DIR=${dataDir}`,
      `EMBEDDED_PG_PORT=${await freePort()}`,
      'LOG_LEVEL=warn',
      'SWAGGER_ENABLED=false',
      'ARGON2_MEMORY_KIB=1024',
      'ARGON2_ITERATIONS=1',
      'SHUTDOWN_TIMEOUT_SECONDS=10',
    ].join('\n'),
  );
  env = cleanEnv({ ENV_FILE: envFile });
}, 600_000);

afterAll(async () => {
  if (service && existsSync(join(dataDir, 'union-ledger.pid'))) await stopWith('SIGTERM').catch(() => undefined);
  const pg = postmasterPid(dataDir);
  if (alive(pg)) kill(pg, 'SIGQUIT');
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('npm start and stop (the real command, in a child process)', () => {
  it('starts with the settings of the .env file: port, log level, Swagger off', async () => {
    service = await start();
    expect((await call('/health')).status).toBe(200); // on the PORT the file gave
    expect((await call('/docs-json')).status).toBe(404); // SWAGGER_ENABLED=false
    // LOG_LEVEL=warn: none of the info lines of a start or a request
    expect(output(service)).not.toMatch(/successfully started|Mapped \{|request completed/);
    // start-up speaks through the service's logger too, at its level: nothing plain, no info line at warn
    expect(logged(service).filter((l) => l.level === 'info')).toEqual([]);
  }, 180_000);

  it('shows the generated administrator password only outside the log: without a terminal, in a file for its owner', async () => {
    const file = join(dataDir, 'initial-admin-password');
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(output(service!)).not.toContain(password);
    expect(output(service!)).toContain(file); // the log says where it is
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
  });

  it('refuses a second service on the same data folder, naming the one that runs', async () => {
    const second = startService({ cwd: ROOT, env: { ...env, PORT: String(await freePort()) }, port, logFile: join(work, 'second.log') });
    expect(await second.exited).toBe(1);
    expect(said(second, 'fatal', new RegExp(`belongs to another union-ledger that is running \\(pid ${servicePid()}\\)`))).toBe(true);
    expect((await call('/health')).status).toBe(200); // the first one is untouched
  }, 120_000);

  it('when PostgreSQL dies under it, answers 503 with a clear code meanwhile, restarts it and serves again', async () => {
    const { accessToken } = (await (
      await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim() }),
      })
    ).json()) as { accessToken: string };
    const before = postmasterPid(dataDir)!;
    kill(before, 'SIGKILL');
    const seen = new Map<number, number>();
    let unavailable: Awaited<ReturnType<typeof call>> | undefined;
    let healthDown = false;
    const began = Date.now();
    for (;;) {
      const res = await call('/api/auth/me', accessToken).catch(() => undefined);
      if (res) seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      if (res?.status === 503) unavailable ??= res;
      if (!healthDown) healthDown = (await call('/health')).status === 503;
      if (res?.status === 200 && unavailable) break;
      if (Date.now() - began > 90_000) throw new Error(`no recovery: ${JSON.stringify([...seen])}\n${output(service!)}`);
      await sleep(20);
    }
    expect([...seen.keys()].sort()).toEqual([200, 503]); // never a 500
    expect(unavailable!.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/数据库/) });
    expect(unavailable!.retryAfter).toBe('5');
    expect(healthDown).toBe(true);
    expect((await call('/health')).status).toBe(200);
    expect(postmasterPid(dataDir)).not.toBe(before);
    expect(said(service!, 'warn', new RegExp(`embedded PostgreSQL \\(pid ${before}\\) ended unexpectedly`))).toBe(true);
  }, 180_000);

  it('SIGTERM to npm stops node and PostgreSQL cleanly', async () => {
    const stopped = await stopWith('SIGTERM');
    expect(stopped).toEqual({ code: 0, nodeGone: true, postgresGone: true });
    // LOG_LEVEL=warn: the orderly stop's info lines are not written, and nothing plain is
    expect(logged(service!).map((l) => l.msg)).not.toContain('stopped');
    expect(existsSync(join(dataDir, 'union-ledger.pid'))).toBe(false);
    service = undefined;
  }, 120_000);

  it('after the service is killed (kill -9), the next npm start stops its orphaned PostgreSQL and starts at the first attempt', async () => {
    service = await start();
    const orphan = postmasterPid(dataDir);
    kill(servicePid(), 'SIGKILL');
    await service.exited;
    expect(alive(orphan)).toBe(true); // left behind, still holding the folder
    service = await start({ LOG_LEVEL: 'info' }); // the environment wins over the .env file
    expect(said(service, 'warn', new RegExp(`server of a previous run is still running \\(pid ${orphan}\\)`))).toBe(true);
    expect(said(service, 'info', /^union-ledger listening on http:\/\/127\.0\.0\.1:/)).toBe(true);
    expect(alive(orphan)).toBe(false);
  }, 300_000);

  it('SIGINT to npm (Ctrl-C) stops it too', async () => {
    const stopped = await stopWith('SIGINT');
    expect(stopped.nodeGone && stopped.postgresGone).toBe(true);
    const msgs = logged(service!).map((l) => l.msg);
    const stopping = msgs.findIndex((m) => m.startsWith('SIGINT received: stopping'));
    expect([stopping >= 0, msgs.indexOf('stopped') > stopping]).toEqual([true, true]);
    service = undefined;
  }, 120_000);
});
