import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * What the operating system says about a process, read from /proc (Linux). Where /proc is missing (macOS)
 * every answer is "unknown" and callers fall back to kill(pid, 0).
 */
export type ProcessState = 'gone' | 'zombie' | 'alive';

export const hasProcFs = (): boolean => existsSync('/proc/self/stat');

export function processState(pid: number): ProcessState {
  if (hasProcFs()) {
    const stat = readStat(pid);
    if (!stat) return 'gone';
    return stat.state === 'Z' || stat.state === 'X' ? 'zombie' : 'alive';
  }
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'gone';
  }
}

/** Start time of a process in clock ticks since boot: with the pid, it names one process even after pid reuse. */
export function startTimeOf(pid: number): number | null {
  return readStat(pid)?.startTime ?? null;
}

/** What a pid names now, for messages: "pid 12, which no longer runs", "pid 12, now sleep". */
export function describeProcess(pid: number): string {
  const state = processState(pid);
  if (state === 'gone') return `pid ${pid}, which no longer runs`;
  if (state === 'zombie') return `pid ${pid}, which has exited but is not yet reaped`;
  const name = readStat(pid)?.comm;
  return `pid ${pid}, now ${name ? `"${name}"` : 'another process'}`;
}

/**
 * Whether `pid` is the postmaster of the cluster in `clusterDir`: a live `postgres` whose command line
 * names that folder (`postgres -D <dir> …`). The command line is readable for every user's processes.
 */
export function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!hasProcFs() || processState(pid) !== 'alive') return false;
  const argv = readCmdline(pid);
  if (argv.length === 0 || basename(argv[0]) !== 'postgres') return false;
  const d = argv.indexOf('-D');
  return d >= 0 && d + 1 < argv.length && samePath(argv[d + 1], clusterDir);
}

/**
 * Live processes working in the cluster folder: the postmaster and its children (backends, checkpointer…)
 * all run with the data folder as their working directory. Used to make sure that nothing of an old server
 * is left before its pid file is set aside. Processes of other users are visible only to root.
 */
export function processesIn(clusterDir: string): number[] {
  if (!hasProcFs()) return [];
  const dir = realpathOr(clusterDir);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cwd: string;
    try {
      cwd = readlinkSync(`/proc/${entry}/cwd`);
    } catch {
      continue;
    }
    if (cwd === dir && processState(Number(entry)) === 'alive') found.push(Number(entry));
  }
  return found;
}

function readStat(pid: number): { comm: string; state: string; startTime: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // after "pid (comm)": state is field 3, starttime field 22 of proc(5)
  return { comm: stat.slice(stat.indexOf('(') + 1, close), state: fields[0], startTime: Number(fields[19]) };
}

function readCmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function samePath(a: string, b: string): boolean {
  return realpathOr(a) === realpathOr(b);
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
