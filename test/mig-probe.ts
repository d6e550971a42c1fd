import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { typeormOptions } from '../src/database/typeorm.options';

(async () => {
  const pg = await startEmbeddedPostgres({ dataDir: '/tmp/ul-probe', port: 55433, database: 'probe', fast: true });
  const ds = new DataSource(typeormOptions(pg.url));
  await ds.initialize();
  try {
    await ds.runMigrations();
    const log = await ds.driver.createSchemaBuilder().log();
    console.log('DRIFT up:', log.upQueries.map((q) => q.query));
    const q = (sql: string, p: unknown[] = []) => ds.query(sql, p);
    await q(`INSERT INTO centers (id, code, name) VALUES ('00000000-0000-0000-0000-000000000001','C1','c')`);
    await q(`INSERT INTO unions (id, center_id, code, name, chart_template, first_period) VALUES ('00000000-0000-0000-0000-0000000000a1','00000000-0000-0000-0000-000000000001','U1','u','grassroots',202601)`);
    await q(`INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       SELECT '00000000-0000-0000-0000-0000000000a1', t.code, t.name, t.category, t.normal_side, t.parent_code, t.level, true,
       NOT EXISTS (SELECT 1 FROM chart_template_accounts c WHERE c.template = t.template AND c.parent_code = t.code) FROM chart_template_accounts t WHERE template='grassroots'`);
    // create+post in one statement
    const r = await ds.transaction(async (em) => em.query(`
      WITH v AS (INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, status, preparer)
                 VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', '2026-03-05', 202603, 'general', 'draft', 'x') RETURNING number),
           l AS (INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
                 SELECT '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', n, '2026-03-05', 's', a, d, c
                 FROM unnest(ARRAY[1,2]::int[], ARRAY['102','401']::text[], ARRAY[100,0]::numeric[], ARRAY[0,100]::numeric[]) x(n,a,d,c))
      SELECT number FROM v`).then(() => em.query(`UPDATE vouchers SET status='posted' WHERE id='00000000-0000-0000-0000-0000000000b1' RETURNING number`)));
    console.log('posted number', r);
    console.log(await q(`SELECT account_code, period, opening, debit, credit, closing FROM account_balances`));
    // unbalanced direct insert
    try {
      await ds.transaction(async (em) => em.query(`
      WITH v AS (INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, status, preparer)
                 VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b2', '2026-03-05', 202603, 'general', 'draft', 'x') RETURNING number),
           l AS (INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit)
                 SELECT '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b2', n, '2026-03-05', 's', a, d, c
                 FROM unnest(ARRAY[1,2]::int[], ARRAY['102','401']::text[], ARRAY[100,0]::numeric[], ARRAY[0,90]::numeric[]) x(n,a,d,c))
      SELECT number FROM v`).then(() => em.query(`UPDATE vouchers SET status='posted' WHERE id='00000000-0000-0000-0000-0000000000b2' RETURNING number`)));
      console.log('UNBALANCED ACCEPTED?!');
    } catch (e) { console.log('unbalanced rejected:', (e as any).driverError.code, (e as Error).message); }
    for (const sql of [`UPDATE vouchers SET preparer='y'`, `DELETE FROM vouchers`, `UPDATE voucher_lines SET summary='z'`, `DELETE FROM voucher_lines`,
      `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit) VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b1', 3, '2026-03-05','s','102',5,0)`,
      `UPDATE voucher_sequences SET last_number = last_number + 1`, `TRUNCATE vouchers CASCADE`, `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, status, preparer) VALUES ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b9', '2026-03-05', 202603, 'general', 'posted', 'x')`, `UPDATE periods SET status='closed'`, `UPDATE periods SET status='open'`, `DELETE FROM periods`]) {
      try { await q(sql); console.log('ACCEPTED?!', sql); } catch (e) { console.log('rejected', (e as any).driverError.code, sql.slice(0, 40)); }
    }
    console.log(await q(`SELECT number, status, posted_at IS NOT NULL p FROM vouchers`));
  } finally {
    await ds.destroy();
    await pg.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
