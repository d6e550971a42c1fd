import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeProcess, hasProcFs, isPostmasterOf, processesIn, processState, startTimeOf } from './embedded-processes';

export class EmbeddedPostgresError extends Error {}

/**
 * The process that runs the embedded server of a data folder records itself in DATA_DIR/union-ledger.pid
 * (pid and start time, so a reused pid is not taken for it). A server found running whose owner is gone was
 * left behind by a run that was killed or crashed; one whose owner lives belongs to another union-ledger.
 */
const OWNER_FILE = 'union-ledger.pid';

export function recordOwner(dataDir: string): void {
  writeFileSync(join(dataDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) }), { mode: 0o644 });
}

export function releaseOwner(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (owner?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
}

/** The pid of another live process that runs this folder's server, or null. */
export function liveOwner(dataDir: string): number | null {
  const owner = readOwner(dataDir);
  if (!owner || owner.pid === process.pid || processState(owner.pid) !== 'alive') return null;
  const startTime = startTimeOf(owner.pid);
  return owner.startTime === null || startTime === null || startTime === owner.startTime ? owner.pid : null;
}

function readOwner(dataDir: string): { pid: number; startTime: number | null } | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as { pid: number; startTime: number | null };
  } catch {
    return null;
  }
}

/** The pid in the cluster's postmaster.pid, or null when there is none. */
export function pidFileOwner(clusterDir: string): number | null {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Makes the cluster folder startable after whatever ended the last run, and says what it did:
 * - a server of this folder still running, whose owner is gone (the service was killed): stopped (fast
 *   shutdown: open transactions roll back, committed ones stay), so that the new one starts with this run's
 *   settings; if its owner lives, another union-ledger uses the folder and start-up stops with that message;
 * - a postmaster that has exited but is not yet reaped (a zombie, which PostgreSQL's own check takes for a
 *   live server): waited for, then treated as gone;
 * - a postmaster.pid naming a process that is not a PostgreSQL of this folder (a pid reused after a crash or
 *   a reboot): removed, once no process of the old server is left in the folder — PostgreSQL's own guard
 *   against two servers on one folder rests on that file, so it is set aside only when nothing remains.
 */
export async function clearLeftovers(dataDir: string, clusterDir: string, log: (line: string) => void): Promise<void> {
  const pid = pidFileOwner(clusterDir);
  if (pid === null) return;
  if (!hasProcFs()) {
    // without /proc we cannot tell a server of this folder from another process: the old, cautious answer
    if (processState(pid) === 'alive') {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL in ${clusterDir} is already running (pid ${pid}): another union-ledger is using it, ` +
          `or a previous run was killed. Stop that process (kill ${pid}) and start again.`,
      );
    }
    return;
  }
  if (isPostmasterOf(pid, clusterDir)) {
    const owner = liveOwner(dataDir);
    if (owner !== null) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL in ${clusterDir} (pid ${pid}) belongs to another union-ledger that is running (pid ${owner}). ` +
          `Stop that one first, or give this one another DATA_DIR (and EMBEDDED_PG_PORT).`,
      );
    }
    log(`embedded PostgreSQL: the server of a previous run is still running (pid ${pid}); that run ended without stopping it. Stopping it (fast shutdown) to start afresh`);
    await stopProcess(pid, log);
  }
  if (processState(pid) === 'zombie') {
    log(`embedded PostgreSQL: the previous server (pid ${pid}) has exited but is not yet reaped; waiting for it`);
    await waitUntil(() => processState(pid) === 'gone', 5000);
  }
  await stopRemnants(clusterDir, log);
  if (pidFileOwner(clusterDir) === pid) {
    log(`embedded PostgreSQL: removed the stale postmaster.pid of the previous server (${describeProcess(pid)}; no process of that server is left)`);
    rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
  }
}

/** Backends or helpers of an old server that outlived their postmaster: they exit on their own within moments. */
async function stopRemnants(clusterDir: string, log: (line: string) => void): Promise<void> {
  if (await waitUntil(() => processesIn(clusterDir).length === 0, 10_000)) return;
  const left = processesIn(clusterDir);
  log(`embedded PostgreSQL: processes of the previous server still run in ${clusterDir} (pids ${left.join(', ')}): stopping them`);
  for (const pid of left) signal(pid, 'SIGQUIT');
  if (await waitUntil(() => processesIn(clusterDir).length === 0, 5000)) return;
  for (const pid of processesIn(clusterDir)) signal(pid, 'SIGKILL');
  if (!(await waitUntil(() => processesIn(clusterDir).length === 0, 5000))) {
    throw new EmbeddedPostgresError(`Processes of an earlier PostgreSQL still run in ${clusterDir} (pids ${processesIn(clusterDir).join(', ')}) and do not stop.`);
  }
}

/**
 * Stops a postmaster: fast shutdown (SIGINT), then immediate shutdown (SIGQUIT, crash recovery at the next
 * start) if it has not finished in `fastMs`, then SIGKILL.
 */
export async function stopProcess(pid: number, log: (line: string) => void, fastMs = 30_000): Promise<void> {
  const gone = () => processState(pid) !== 'alive';
  signal(pid, 'SIGINT');
  if (await waitUntil(gone, fastMs)) return;
  log(`embedded PostgreSQL (pid ${pid}) did not stop within ${fastMs / 1000} s: immediate shutdown`);
  signal(pid, 'SIGQUIT');
  if (await waitUntil(gone, 10_000)) return;
  signal(pid, 'SIGKILL');
  await waitUntil(gone, 5000);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone meanwhile */
  }
}

async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() >= until) return false;
    await sleep(50);
  }
  return true;
}
