import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm.options';
import { withDatabase } from '../support/global-setup';

/** Entities and migrations describe the same schema, and every migration can be undone and redone. */
describe('schema', () => {
  let ds: DataSource;
  let database: string;

  beforeAll(async () => {
    database = `ul_t_schema_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: process.env.UL_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${process.env.UL_TEST_TEMPLATE}`);
    await admin.end();
    ds = new DataSource(typeormOptions(withDatabase(process.env.UL_TEST_ADMIN_URL!, database), 2));
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
