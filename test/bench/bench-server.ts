import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { derivedRolePasswords, OWNER_ROLE, provisionRoles, SERVICE_ROLE, withRole } from '../../src/database/database-roles';
import { EmbeddedServer, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { typeormOptions } from '../../src/database/typeorm.options';

const BENCH_JWT_SECRET = 'bench-secret-0123456789-0123456789-0123456789';
export const BENCH_ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };

export interface BenchEnvironment {
  databaseUrl: string;
  baseUrl: string;
  servicePid: number | undefined;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * A migrated database on a fresh embedded PostgreSQL with its default (durable) settings, unless
 * DATABASE_URL points elsewhere, and the built service (dist/) as a separate process on it, as in
 * production: the load generator does not share the service's event loop.
 */
export async function startBenchEnvironment(opts: { poolSize: number; pgFlags?: string[] }): Promise<BenchEnvironment> {
  let pg: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'union-ledger-bench-'));
    chmodSync(dataDir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'bench', fast: process.env.BENCH_FAST === '1', extraFlags: opts.pgFlags });
    databaseUrl = pg.url;
  }
  // the service logs in as the service role, as in production; the load generator's own SQL stays admin
  const database = new URL(databaseUrl).pathname.slice(1);
  const passwords = derivedRolePasswords(databaseUrl);
  await provisionRoles(databaseUrl, database, passwords);
  const ds = new DataSource(typeormOptions(withRole(databaseUrl, OWNER_ROLE, passwords.owner), 1));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();

  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server: ChildProcess = spawn(process.execPath, [...profile, resolve('dist/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: withRole(databaseUrl, SERVICE_ROLE, passwords.service),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: String(opts.poolSize),
      SWAGGER_ENABLED: 'false',
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      ADMIN_USERNAME: BENCH_ADMIN.username,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 1200) throw new Error('service did not start within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    databaseUrl,
    baseUrl,
    servicePid: server.pid,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await pg?.stop();
      // BENCH_KEEP=1 keeps a seeded database for bench:reports:copy (its password is in embedded-pg.json there)
      if (dataDir && process.env.BENCH_KEEP === '1') console.log(`bench database kept in ${dataDir}/pg`);
      else if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
