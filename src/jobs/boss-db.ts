import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, QueryResult } from 'pg';

/**
 * pg-boss's connection to the database, held by us rather than by pg-boss, so that a stop can wait for every
 * statement under way. pg-boss ends its own pool while a worker's fetch may still be waiting for a connection, and
 * pg's pool never answers such a waiter: the worker never stops, and pg-boss's `offWork` keeps polling it every
 * second for the rest of the process (in a test, past the file's teardown, which fails the file). Here a stop
 * first refuses new statements (they get no rows: no job is fetched while stopping), then waits for those under
 * way, then ends the pool.
 */
export class BossDb {
  private readonly pool: Pool;
  private accepting = true;
  private underWay = 0;

  constructor(url: string, onError: (err: Error) => void) {
    this.pool = new Pool({ connectionString: url, max: 4, application_name: 'union-ledger-jobs' });
    this.pool.on('error', onError);
  }

  async executeSql(text: string, values?: unknown[]): Promise<Pick<QueryResult, 'rows'>> {
    if (!this.accepting) return { rows: [] };
    this.underWay++;
    try {
      return await this.pool.query(text, values);
    } finally {
      this.underWay--;
    }
  }

  /** Refuses new statements, waits up to `waitMs` for those under way, then closes the connections. */
  async close(waitMs: number): Promise<void> {
    this.accepting = false;
    for (let waited = 0; this.underWay > 0 && waited < waitMs; waited += 20) await sleep(20);
    await this.pool.end();
  }
}
