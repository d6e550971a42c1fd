import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './build';

export const ADMIN = { username: 'admin', password: 'admin-password-for-web-tests' };

export interface RunningService {
  url: string;
  /** what the service printed, for the failure message */
  output: () => string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The service as `npm start` runs it (node dist/src/main.js, embedded PostgreSQL in its own DATA_DIR), on free
 * ports, with the built web app at `/`. Stopped with SIGTERM, as an operator would, and its folder removed.
 */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ul-web-test-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as 'postgres' and must enter it
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      // info: the service says it listens at info level; only warnings, errors and that line are kept (below)
      LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '10000',
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      TZ: 'UTC',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let partial = '';
  const keep = (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (!/"level":"(info|debug|trace)"/.test(line) || line.includes('listening on')) out += `${line}\n`;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // embedded PostgreSQL init + migrations, on a loaded machine
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) before answering:\n${out}`);
    // ours only once it says so: a service left on a fixed PORT must not answer for this one
    const ok = out.includes('listening on') && (await fetch(`${url}/health`).then((r) => r.ok, () => false));
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not answer /health within 180 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
