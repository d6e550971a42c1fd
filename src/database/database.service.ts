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

/** A serialization failure or a deadlock: the whole unit of work may simply run again. */
export function isRetryable(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && RETRYABLE.has(code);
}
