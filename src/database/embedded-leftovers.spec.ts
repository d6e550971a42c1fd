import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clearLeftovers, EmbeddedPostgresError, recordOwner } from './embedded-leftovers';
import { isPostmasterOf, processState } from './embedded-processes';

/**
 * What start-up finds after a crash, made with real processes (Linux /proc): a postmaster.pid naming a
 * process that is no postgres of the folder, a pid that no longer runs, a postmaster that has exited but is
 * not reaped (a zombie), and a "postgres" of this folder still running — orphaned, or owned by a live run.
 * The stand-in for a postmaster is /bin/sh copied under the name `postgres`, started as `postgres -c … -D <dir>`
 * in the cluster folder: by its command line and working directory it is a server of that folder.
 */
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

function cluster(): { dataDir: string; clusterDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ul-leftovers-'));
  const clusterDir = join(dataDir, 'pg');
  mkdirSync(clusterDir);
  return { dataDir, clusterDir };
}

function writePidFile(clusterDir: string, pid: number): void {
  writeFileSync(join(clusterDir, 'postmaster.pid'), `${pid}\n${clusterDir}\n1764400000\n54329\n`);
}

function run(cmd: string, args: string[], cwd?: string): ChildProcess {
  const child = spawn(cmd, args, { cwd, stdio: 'ignore', detached: true });
  children.push(child);
  return child;
}

function fakePostmaster(clusterDir: string): ChildProcess {
  const bin = join(mkdtempSync(join(tmpdir(), 'ul-bin-')), 'postgres');
  copyFileSync('/bin/sh', bin);
  return run(bin, ['-c', 'trap "exit 0" INT; while :; do sleep 0.1; done', '-D', clusterDir], clusterDir);
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await sleep(20);
}

describe('clearLeftovers (start-up after a crash)', () => {
  it('removes a postmaster.pid that names a live process which is no postgres of this folder (a reused pid)', async () => {
    const { dataDir, clusterDir } = cluster();
    const other = run('sleep', ['30']);
    await until(() => processState(other.pid!) === 'alive');
    writePidFile(clusterDir, other.pid!);
    const log: string[] = [];
    await clearLeftovers(dataDir, clusterDir, (l) => log.push(l));
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
    expect(log.join('\n')).toMatch(new RegExp(`removed the stale postmaster.pid .*pid ${other.pid}, now "sleep"`));
    expect(processState(other.pid!)).toBe('alive'); // and leaves that process alone
  });

  it('removes a postmaster.pid whose pid no longer runs', async () => {
    const { dataDir, clusterDir } = cluster();
    const gone = run('true', []);
    await new Promise((r) => gone.once('exit', r));
    writePidFile(clusterDir, gone.pid!);
    const log: string[] = [];
    await clearLeftovers(dataDir, clusterDir, (l) => log.push(l));
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
    expect(log.join('\n')).toMatch(/which no longer runs/);
  });

  it('waits out a postmaster that has exited but is not reaped (a zombie), then proceeds', async () => {
    const { dataDir, clusterDir } = cluster();
    // `exec sleep` becomes the parent of the short sleep and never reaps it: a zombie for 20 s
    const parent = run('sh', ['-c', 'sleep 0.1 & exec sleep 20']);
    let zombie: number | undefined;
    await until(() => {
      zombie = childrenOf(parent.pid!).find((pid) => processState(pid) === 'zombie');
      return zombie !== undefined;
    });
    expect(zombie).toBeDefined();
    writePidFile(clusterDir, zombie!);
    const log: string[] = [];
    const began = Date.now();
    await clearLeftovers(dataDir, clusterDir, (l) => log.push(l));
    expect(Date.now() - began).toBeGreaterThanOrEqual(4500);
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
    expect(log.join('\n')).toMatch(/has exited but is not yet reaped; waiting for it/);
  }, 30_000);

  it('stops the orphaned server of a run that was killed (its owner is gone), and says so', async () => {
    const { dataDir, clusterDir } = cluster();
    const orphan = fakePostmaster(clusterDir);
    await until(() => isPostmasterOf(orphan.pid!, clusterDir));
    expect(isPostmasterOf(orphan.pid!, clusterDir)).toBe(true);
    writePidFile(clusterDir, orphan.pid!);
    writeFileSync(join(dataDir, 'union-ledger.pid'), JSON.stringify({ pid: 999_999, startTime: 1 })); // a run that is gone
    const log: string[] = [];
    await clearLeftovers(dataDir, clusterDir, (l) => log.push(l));
    expect(processState(orphan.pid!)).not.toBe('alive');
    expect(log.join('\n')).toMatch(new RegExp(`server of a previous run is still running \\(pid ${orphan.pid}\\).*Stopping it`));
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
  });

  it('refuses, naming it, when another union-ledger that still runs owns the server', async () => {
    const { dataDir, clusterDir } = cluster();
    const server = fakePostmaster(clusterDir);
    await until(() => isPostmasterOf(server.pid!, clusterDir));
    writePidFile(clusterDir, server.pid!);
    const owner = run('sleep', ['30']);
    await until(() => processState(owner.pid!) === 'alive');
    writeFileSync(join(dataDir, 'union-ledger.pid'), JSON.stringify({ pid: owner.pid, startTime: null }));
    await expect(clearLeftovers(dataDir, clusterDir, () => undefined)).rejects.toThrow(EmbeddedPostgresError);
    await expect(clearLeftovers(dataDir, clusterDir, () => undefined)).rejects.toThrow(
      new RegExp(`belongs to another union-ledger that is running \\(pid ${owner.pid}\\)`),
    );
    expect(processState(server.pid!)).toBe('alive'); // untouched
    expect(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8')).toMatch(String(server.pid));
  });

  it('a pid file of our own run is not taken for another owner', async () => {
    const { dataDir, clusterDir } = cluster();
    recordOwner(dataDir);
    const server = fakePostmaster(clusterDir);
    await until(() => isPostmasterOf(server.pid!, clusterDir));
    writePidFile(clusterDir, server.pid!);
    await clearLeftovers(dataDir, clusterDir, () => undefined); // e.g. the supervisor restarting our own server
    expect(processState(server.pid!)).not.toBe('alive');
  });
});

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}
