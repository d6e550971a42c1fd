import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One consistent view of the books for a whole export (REPEATABLE READ, read only): every sheet of a pack
 * shows the same moment, however long the writing takes. Large reads come through a server-side cursor, a
 * batch at a time, so memory stays flat whatever the size.
 */
export class Snapshot {
  private cursors = 0;

  private constructor(private readonly runner: QueryRunner) {}

  static async open(ds: DataSource): Promise<Snapshot> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return new Snapshot(runner);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.runner.query(sql, params);
  }

  async *cursor<T>(sql: string, params: unknown[] = [], batch = 500): AsyncGenerator<T> {
    const name = `export_cursor_${++this.cursors}`;
    await this.runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    try {
      for (;;) {
        const rows: T[] = await this.runner.query(`FETCH ${batch} FROM ${name}`);
        for (const row of rows) yield row;
        if (rows.length < batch) return;
      }
    } finally {
      await this.runner.query(`CLOSE ${name}`);
    }
  }

  async close(): Promise<void> {
    try {
      await this.runner.query('COMMIT');
    } finally {
      await this.runner.release();
    }
  }
}
