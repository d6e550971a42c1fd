import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { combine, LoadResult, percentile, runLoad } from './load';

/**
 * bench:post's isolation phase: the HTTP load on every union but one, in alternating rounds without and
 * with that one union held under a long lock — its posting lock and its audit chain head, as a claim
 * decision holds them while it works. Meanwhile two more clients keep preparing and posting vouchers of
 * the held union (they wait; their latencies are reported apart). The target: the other unions' p99 with
 * the lock held within 1.5× of their p99 without it.
 */
export async function lockedUnionComparison(opts: {
  rounds: number;
  seconds: number;
  concurrency: number;
  pool: Pool;
  lockedUnion: string;
  others: (worker: number, n: number) => Promise<void>;
  onLockedUnion: (n: number) => Promise<void>;
}): Promise<{ unlocked: LoadResult; locked: LoadResult; heldUnion: { unlocked: Side; locked: Side } }> {
  await runLoad({ seconds: 2, concurrency: opts.concurrency, task: opts.others });
  const unlocked: LoadResult[] = [];
  const locked: LoadResult[] = [];
  const heldUnion = { unlocked: emptySide(), locked: emptySide() };
  for (let r = 0; r < opts.rounds; r++) {
    let side = sideTraffic(opts.onLockedUnion, heldUnion.unlocked);
    unlocked.push(await runLoad({ seconds: opts.seconds, concurrency: opts.concurrency, task: opts.others }));
    await side.stop();

    const release = await holdUnion(opts.pool, opts.lockedUnion);
    side = sideTraffic(opts.onLockedUnion, heldUnion.locked);
    locked.push(await runLoad({ seconds: opts.seconds, concurrency: opts.concurrency, task: opts.others }));
    await release();
    await side.stop();
  }
  return { unlocked: combine(unlocked), locked: combine(locked), heldUnion };
}

export interface Side {
  latencies: number[];
  errors: number;
}

const emptySide = (): Side => ({ latencies: [], errors: 0 });

export function formatSide(label: string, s: Side): string {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return `${label.padEnd(34)} ${String(sorted.length).padStart(7)} done   p50 ${percentile(sorted, 50).toFixed(0).padStart(6)} ms   max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms   errors ${s.errors}`;
}

/** Two clients on the held union, until stopped (then their last request is awaited). */
function sideTraffic(task: (n: number) => Promise<void>, into: Side) {
  let running = true;
  let n = 1_000_000;
  const clients = [0, 1].map(async () => {
    while (running) {
      const t0 = performance.now();
      try {
        await task(n++);
        into.latencies.push(performance.now() - t0);
      } catch {
        into.errors++;
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** A transaction holding the union's posting lock and its audit chain head; resolves to its rollback. */
async function holdUnion(pool: Pool, unionId: string): Promise<() => Promise<void>> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query(`SELECT pg_advisory_xact_lock_shared(ledger_periods_lock_key($1)), pg_advisory_xact_lock(ledger_posting_lock_key($1))`, [unionId]);
  await client.query(`SELECT 1 FROM chain_heads WHERE union_id = $1 AND chain = 'audit' FOR UPDATE`, [unionId]);
  return async () => {
    await client.query('ROLLBACK');
    client.release();
  };
}
