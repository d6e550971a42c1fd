import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface CpuSnapshot {
  postgres: number;
  service: number;
  serviceSystem: number;
  loadGenerator: number;
}

/** utime + stime, plus the children's that exited (cutime + cstime) when asked. */
function ticksOf(pid: string, withExitedChildren = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]) + (withExitedChildren ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0;
  }
}

function systemTicksOf(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[12]);
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by PostgreSQL processes, the service process and this process (Linux /proc). */
export function cpuSnapshot(servicePid: number | undefined): CpuSnapshot {
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // backends come and go: the postmaster's exited-children time keeps their share
    if (cmd.startsWith('postgres') || cmd.includes('/bin/postgres')) postgres += ticksOf(pid, true);
  }
  return {
    postgres: postgres / TICKS_PER_SECOND,
    service: servicePid ? ticksOf(String(servicePid)) / TICKS_PER_SECOND : 0,
    serviceSystem: servicePid ? systemTicksOf(String(servicePid)) / TICKS_PER_SECOND : 0,
    loadGenerator: ticksOf(String(process.pid)) / TICKS_PER_SECOND,
  };
}

/** The CPU used over several (before, after) intervals, as one interval from zero. */
export function sumCpu(intervals: CpuSnapshot[][]): CpuSnapshot[] {
  const zero: CpuSnapshot = { postgres: 0, service: 0, serviceSystem: 0, loadGenerator: 0 };
  const total = { ...zero };
  for (const [a, b] of intervals) for (const k of Object.keys(zero) as (keyof CpuSnapshot)[]) total[k] += b[k] - a[k];
  return [zero, total];
}

/** CPU milliseconds per operation, by process, over an interval. */
export function cpuPerOp([before, after]: CpuSnapshot[], ops: number): string {
  const ms = (k: keyof CpuSnapshot) => (((after[k] - before[k]) * 1000) / Math.max(ops, 1)).toFixed(2);
  return `CPU ms per voucher: postgres ${ms('postgres')}, service ${ms('service')} (kernel ${ms('serviceSystem')}), load generator ${ms('loadGenerator')}`;
}
