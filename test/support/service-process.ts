import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The service as an operator runs it: `npm start` in the checkout, with its output in a log file. The node
 * process that serves is found below npm (npm → node, or npm → sh → node), and the embedded PostgreSQL by
 * its postmaster.pid.
 */
export interface ServiceProcess {
  npm: ChildProcess;
  baseUrl: string;
  /** Resolves with npm's exit code (or signal) when it ends. */
  exited: Promise<number | string>;
  /** The node process running dist/src/main.js, if it is up. */
  nodePid(): number | undefined;
  logFile: string;
}

export function startService(opts: { cwd: string; env: NodeJS.ProcessEnv; port: number; logFile: string }): ServiceProcess {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  // a session of its own, as under systemd: no controlling terminal, and signals only from us
  const npm = spawn('npm', ['start'], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  npm.stdout!.pipe(log, { end: false });
  npm.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) => npm.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    npm,
    baseUrl: `http://127.0.0.1:${opts.port}`,
    exited,
    logFile: opts.logFile,
    nodePid: () => descendants(npm.pid!).find((pid) => /(^|\/)node$/.test(cmdline(pid).split(' ')[0]) && /main\.js|start\.js/.test(cmdline(pid))),
  };
}

/** Waits until GET /health answers 200; false when npm exits first or the time is up. */
export async function waitHealthy(service: ServiceProcess, timeoutMs: number): Promise<boolean> {
  let ended = false;
  void service.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !ended) {
    try {
      const res = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return true;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  return false;
}

/** Every live process below `root`, nearest first. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The pid recorded by the embedded server in its cluster folder, or undefined. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export function kill(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}
