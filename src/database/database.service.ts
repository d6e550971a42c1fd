import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * The one way services open a transaction: one per command, owned by the service, retried as a whole on
 * serialization failures and deadlocks (the work function must therefore be safe to run again).
 */
@Injectable()
export class Database {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** For reads outside a command: each query runs on its own pooled connection. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async transaction<T>(work: (em: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
    return this.retrying(() => this.dataSource.transaction(work), attempts);
  }

  /**
   * For a command whose writes are one statement (atomic on its own, deferred checks at its implicit
   * commit) preceded only by reads the database re-checks: no BEGIN/COMMIT round trips.
   */
  singleStatement<T>(work: (em: EntityManager) => Promise<T>, attempts = 4): Promise<T> {
    return this.retrying(() => work(this.dataSource.manager), attempts);
  }

  /**
   * For reads that must see one moment — verification, export covers, reports computed by several
   * statements: one connection, one REPEATABLE READ READ ONLY snapshot, committed at the end. Everything
   * `work` reads through `em` sees the same committed state, whatever is posted meanwhile.
   */
  async readSnapshot<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (err) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async retrying<T>(run: () => Promise<T>, attempts: number): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (attempt >= attempts || !isRetryable(err)) throw err;
        await sleep(5 * attempt + Math.random() * 20);
      }
    }
  }
}

export function sqlState(err: unknown): string | undefined {
  if (err instanceof QueryFailedError) return (err.driverError as { code?: string }).code;
  return (err as { code?: string } | null)?.code;
}

/**
 * The database cannot be reached or is not serving: shut down or crashed under us (57P01, 57P02), starting
 * or recovering (57P03), out of connections (53300), a connection refused, reset or timed out, or the
 * socket gone. The request did not fail on its merits: the API answers 503 and the caller may retry.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const cause = (err instanceof QueryFailedError ? err.driverError : err) as Partial<NodeJS.ErrnoException> | null;
  // by shape, not instanceof: errors of node's own sockets may come from another realm (jest's sandbox)
  if (typeof cause !== 'object' || cause === null || typeof cause.message !== 'string') return false;
  const { code, syscall } = cause;
  if (code !== undefined && UNAVAILABLE_STATES.has(code)) return true;
  if (code !== undefined && SOCKET_ERRORS.has(code) && syscall !== undefined && ['connect', 'read', 'write'].includes(syscall)) return true;
  return UNAVAILABLE_MESSAGES.some((m) => cause.message!.startsWith(m));
}

/**
 * Every connection of our own pool was in use for the whole pool wait (DB_POOL_WAIT_SECONDS): the service is
 * saturated, the database itself is fine. Counted as unavailable too (a batch is not replayed on it), but
 * answered as SERVICE_UNAVAILABLE: no reason to tell the caller the database is restarting.
 */
export function isPoolExhausted(err: unknown): boolean {
  const cause = (err instanceof QueryFailedError ? err.driverError : err) as { message?: unknown } | null;
  return typeof cause === 'object' && cause !== null && cause.message === POOL_WAIT_TIMEOUT;
}

// pg-pool's words when no pooled connection was released within connectionTimeoutMillis
const POOL_WAIT_TIMEOUT = 'timeout exceeded when trying to connect';

const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// what pg says when a connection dies or cannot be had (it gives these no code)
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  POOL_WAIT_TIMEOUT,
  'Client was closed and is not queryable',
];

/** A serialization failure or a deadlock: the whole unit of work may simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && RETRYABLE.has(code);
}
