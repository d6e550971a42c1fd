import { PoolClient } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestApp } from './test-app';

/** An open transaction on its own connection, holding whatever its statements locked until it ends (once). */
export interface HeldTransaction {
  client: PoolClient;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens a transaction, runs `statements` in it and keeps it open: race tests use it to put the service's
 * requests in a known order behind a lock (a union's posting lock, a claim row).
 */
export async function holdTransaction(t: TestApp, statements: [string, unknown[]][]): Promise<HeldTransaction> {
  const client = await t.sql.connect();
  await client.query('BEGIN');
  try {
    for (const [sql, params] of statements) await client.query(sql, params);
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
  let ended = false;
  // idempotent, so a test can end it again in a finally block whatever happened before
  const end = async (how: 'COMMIT' | 'ROLLBACK') => {
    if (ended) return;
    ended = true;
    try {
      await client.query(how);
    } finally {
      client.release();
    }
  };
  return { client, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}

/** The union's posting lock (exclusive), as every posting takes it. */
export const POSTING_LOCK = `SELECT pg_advisory_xact_lock(ledger_posting_lock_key($1::uuid))`;

/** Waits until `n` sessions of the test database wait for a lock (an advisory one unless told otherwise). */
export async function lockWaiters(t: TestApp, n: number, event: 'advisory' | 'transactionid' | 'tuple' | 'relation' = 'advisory'): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = $1`,
      [event],
    );
    if (rows[0].n >= n) return;
    await sleep(25);
  }
  throw new Error(`fewer than ${n} sessions ever waited for a lock (${event})`);
}
