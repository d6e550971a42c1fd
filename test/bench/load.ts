import { performance } from 'node:perf_hooks';
import { CpuSnapshot, cpuSnapshot, sumCpu } from './cpu';

export interface LoadResult {
  latencies: number[];
  ok: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Closed-loop load: `concurrency` workers each run `task` back to back until `seconds` have passed.
 * Latencies are per task, in milliseconds.
 */
export async function runLoad(opts: { seconds: number; concurrency: number; task: (worker: number, n: number) => Promise<void> }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        try {
          await opts.task(worker, n);
          latencies.push(performance.now() - t0);
        } catch (e) {
          errors++;
          firstError ??= String((e as Error).message ?? e);
        }
      }
    }),
  );
  return summarize(latencies, errors, firstError, (performance.now() - start) / 1000);
}

/** The p-th percentile of sorted values (NaN for none). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function summarize(latencies: number[], errors: number, firstError: string | undefined, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    latencies, ok: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99),
  };
}

/** Several rounds of the same load as one result (for phases alternated with another load). */
export function combine(results: LoadResult[]): LoadResult {
  return summarize(
    results.flatMap((r) => r.latencies),
    results.reduce((n, r) => n + r.errors, 0),
    results.find((r) => r.firstError)?.firstError,
    results.reduce((n, r) => n + r.seconds, 0),
  );
}

export function formatResult(label: string, r: LoadResult): string {
  return `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)}/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99
    .toFixed(1)
    .padStart(6)} ms   ok ${r.ok}   errors ${r.errors}${r.firstError ? ` (${r.firstError.slice(0, 120)})` : ''}`;
}

export interface Compared {
  baseline: LoadResult;
  load: LoadResult;
  /** CPU used during each, as one interval from zero (for `cpuPerOp`). */
  baselineCpu: CpuSnapshot[];
  loadCpu: CpuSnapshot[];
}

/**
 * A load against its baseline in the same run: a warm-up of each (JIT, pools, plans), then `rounds`
 * alternating rounds of `seconds` each, so that growing tables and background work (autovacuum,
 * checkpoints) weigh on both alike; the service's CPU is sampled around each. `measuring` is told when
 * the measured rounds of the load start and stop.
 */
export async function compareLoads(opts: {
  rounds: number;
  seconds: number;
  concurrency: number;
  servicePid: number | undefined;
  baseline: (worker: number, n: number) => Promise<void>;
  load: (worker: number, n: number) => Promise<void>;
  measuring?: (on: boolean) => void;
}): Promise<Compared> {
  const { concurrency, servicePid } = opts;
  await runLoad({ seconds: 3, concurrency, task: opts.load });
  await runLoad({ seconds: 2, concurrency, task: opts.baseline });
  const rounds: { baseline: LoadResult; load: LoadResult; baselineCpu: CpuSnapshot[]; loadCpu: CpuSnapshot[] }[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const c0 = cpuSnapshot(servicePid);
    const baseline = await runLoad({ seconds: opts.seconds, concurrency, task: opts.baseline });
    const c1 = cpuSnapshot(servicePid);
    opts.measuring?.(true);
    const load = await runLoad({ seconds: opts.seconds, concurrency, task: opts.load });
    opts.measuring?.(false);
    const c2 = cpuSnapshot(servicePid);
    rounds.push({ baseline, load, baselineCpu: [c0, c1], loadCpu: [c1, c2] });
  }
  return {
    baseline: combine(rounds.map((r) => r.baseline)),
    load: combine(rounds.map((r) => r.load)),
    baselineCpu: sumCpu(rounds.map((r) => r.baselineCpu)),
    loadCpu: sumCpu(rounds.map((r) => r.loadCpu)),
  };
}

