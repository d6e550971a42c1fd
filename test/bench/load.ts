import { performance } from 'node:perf_hooks';

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

function summarize(latencies: number[], errors: number, firstError: string | undefined, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
  return { latencies, ok: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99) };
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
