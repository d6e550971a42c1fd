import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testDatabaseUrl } from './global-setup';
import { TEST_JWT_SECRET, TestApp } from './test-app';

const ROOT = resolve(__dirname, '..', '..');

/**
 * `node src/main.ts` on a test app's database with its job workers on, as a second machine of the same
 * installation would run it: what the restart tests kill -9 and start again. The caller kills what it started.
 */
export async function startJobProcess(t: TestApp, dir: string, extra: Record<string, string> = {}, readyMs = 300_000): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.serviceUrl,
      MIGRATION_DATABASE_URL: testDatabaseUrl(t.database, 'owner'),
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      EXPORT_DIR: dir,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      JOBS_RUN: 'true',
      SWAGGER_ENABLED: 'false',
      ...extra,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (const deadline = Date.now() + readyMs; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status === 200, () => false);
    if (up) return child;
  }
  child.kill('SIGKILL');
  throw new Error('the service did not become ready');
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}
