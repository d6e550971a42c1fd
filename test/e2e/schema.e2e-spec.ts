import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm.options';
import { testDatabaseUrl } from '../support/global-setup';
import { cloneTestDatabase } from '../support/test-app';

/** Entities and migrations describe the same schema, and every migration can be undone and redone. */
describe('schema', () => {
  let ds: DataSource;
  let database: string;

  beforeAll(async () => {
    database = await cloneTestDatabase();
    ds = new DataSource(typeormOptions(testDatabaseUrl(database, 'owner'), 2));
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('has no drift between the entities and the migrated database (migration:generate would be empty)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    const count = ds.migrations.length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
    expect(n).toBe(0);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
