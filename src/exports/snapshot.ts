import type { ClientBase } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Whatever runs SQL on one connection: a TypeORM query runner, or a plain pg client in an export worker. */
interface Connection {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  release(): Promise<void>;
}

/**
 * One consistent view of the books for a whole export (REPEATABLE READ, read only): every sheet of a pack
 * shows the same moment, however long the writing takes. Large reads come through a server-side cursor, a
 * batch at a time, so memory stays flat whatever the size.
 */
export class Snapshot {
  private cursors = 0;

  private constructor(private readonly conn: Connection) {}

  static async open(ds: DataSource): Promise<Snapshot> {
    const runner: QueryRunner = ds.createQueryRunner();
    await runner.connect();
    return Snapshot.begin({ query: (sql, params) => runner.query(sql, params), release: () => runner.release() });
  }

  /** On a pg client of its own (an export worker); the client is ended by the caller. */
  static onClient(client: ClientBase): Promise<Snapshot> {
    return Snapshot.begin({
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      release: async () => undefined,
    });
  }

  private static async begin(conn: Connection): Promise<Snapshot> {
    await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return new Snapshot(conn);
  }

  /** For repositories that take an EntityManager: they only call `query`, which runs in this snapshot. */
  get manager(): EntityManager {
    return { query: (sql: string, params?: unknown[]) => this.conn.query(sql, params) } as unknown as EntityManager;
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.conn.query<T>(sql, params);
  }

  async *cursor<T>(sql: string, params: unknown[] = [], batch = 500): AsyncGenerator<T> {
    const name = `export_cursor_${++this.cursors}`;
    await this.conn.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    try {
      for (;;) {
        const rows = await this.conn.query<T>(`FETCH ${batch} FROM ${name}`);
        for (const row of rows) yield row;
        if (rows.length < batch) return;
      }
    } finally {
      await this.conn.query(`CLOSE ${name}`);
    }
  }

  async close(): Promise<void> {
    try {
      await this.conn.query('COMMIT');
    } finally {
      await this.conn.release();
    }
  }
}
