import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a named prepared statement, so PostgreSQL parses and plans it once per connection instead of on
 * every call (a third of the database time of a posting). Inside a transaction it runs on the
 * transaction's connection; outside, on any pooled connection (each one prepares it on first use).
 * Errors are wrapped like TypeORM's, so they translate alike.
 */
export async function preparedQuery<T>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = em.queryRunner;
  try {
    if (runner?.isTransactionActive) {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query({ name, text, values })).rows as T[];
    }
    const pool = (em.connection.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name, text, values })).rows as T[];
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
