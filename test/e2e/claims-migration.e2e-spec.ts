import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { ClaimPaymentSteps1795342000000 } from '../../migrations/1795342000000-ClaimPaymentSteps';
import { derivedRolePasswords, provisionRoles } from '../../src/database/database-roles';
import { typeormOptions } from '../../src/database/typeorm.options';
import { testDatabaseUrl } from '../support/global-setup';

/**
 * The data step of migration ClaimPaymentSteps (the four-step payment): a database migrated to just before it
 * holds claims of the old shape — paid (posted in the same step), reviewed (no payment voucher yet), approved —
 * and the rest of the migrations then run over them. Paid claims become `posted` with their voucher as the
 * payment voucher; reviewed ones go back to `approved`, their reservation kept, with a line in their history
 * and an audit record saying why; the others stay as they were.
 */
describe('migration ClaimPaymentSteps: claims of the old shape', () => {
  const database = `ul_mig_${randomBytes(4).toString('hex')}`;
  const before = migrations.indexOf(ClaimPaymentSteps1795342000000);
  let sql: Client;
  const union = randomUUID();
  const ids = { paid: randomUUID(), reviewed: randomUUID(), approved: randomUUID(), voucher: randomUUID() };
  const reservations = { paid: randomUUID(), reviewed: randomUUID(), approved: randomUUID() };

  const migrate = async (upTo: number) => {
    const ds = new DataSource({ ...typeormOptions(testDatabaseUrl(database, 'owner'), 1), migrations: migrations.slice(0, upTo) });
    await ds.initialize();
    try {
      await ds.runMigrations();
    } finally {
      await ds.destroy();
    }
  };

  beforeAll(async () => {
    expect(before).toBeGreaterThan(0);
    const admin = new Client({ connectionString: process.env.UL_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    await provisionRoles(process.env.UL_TEST_ADMIN_URL!, database, derivedRolePasswords(process.env.UL_TEST_ADMIN_URL!));
    await migrate(before);

    sql = new Client({ connectionString: testDatabaseUrl(database, 'admin') });
    await sql.connect();
    // rows as the service of that day wrote them; its triggers (chains, guards) are not what is tested here
    await sql.query(`SET session_replication_role = replica`);
    const center = randomUUID();
    await sql.query(`INSERT INTO centers (id, code, name) VALUES ($1, 'MIG', '迁移测试中心')`, [center]);
    await sql.query(`INSERT INTO unions (id, center_id, code, name, chart_template, first_period) VALUES ($1, $2, 'U-MIG', '迁移测试工会', 'grassroots', 202601)`, [union, center]);
    await sql.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       SELECT $1, t.code, t.name, t.category, t.normal_side, t.parent_code, t.level, true,
              NOT EXISTS (SELECT 1 FROM chart_template_accounts c WHERE c.template = t.template AND c.parent_code = t.code)
         FROM chart_template_accounts t WHERE t.template = 'grassroots'`,
      [union],
    );
    // the union's share of the pooled account, as the service adds it under 102 at set-up
    await sql.query(`UPDATE accounts SET is_leaf = false WHERE union_id = $1 AND code = '102'`, [union]);
    await sql.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard) VALUES ($1, '10201', '集中核算户', 'asset', 'debit', '102', 2, false)`,
      [union],
    );
    await sql.query(`INSERT INTO periods (union_id, period) VALUES ($1, 202603)`, [union]);
    await sql.query(
      `INSERT INTO vouchers (union_id, id, voucher_date, period, voucher_type, number, source, preparer, posted_by)
       VALUES ($1, $2, '2026-03-20', 202603, 'general', 1, 'claim', '会计', '出纳')`,
      [union, ids.voucher],
    );
    await sql.query(
      `INSERT INTO voucher_lines (union_id, voucher_id, line_no, voucher_date, summary, account_code, debit, credit, fund_type)
       VALUES ($1, $2, 1, '2026-03-20', '支付报销单 BX-2026-0001', '50105', 300, 0, 'unrestricted'),
              ($1, $2, 2, '2026-03-20', '支付报销单 BX-2026-0001', '10201', 0, 300, NULL)`,
      [union, ids.voucher],
    );
    for (const [name, status] of [['paid', 'consumed'], ['reviewed', 'open'], ['approved', 'open']] as const) {
      await sql.query(
        `INSERT INTO fund_reservations (union_id, id, source_type, source_id, account_code, amount, status, closed_at)
         VALUES ($1, $2, 'claim', $3, '10201', 300, $4::varchar, CASE WHEN $4::varchar = 'open' THEN NULL ELSE now() END)`,
        [union, reservations[name], randomUUID(), status],
      );
    }
    const claim = (id: string, number: string, status: string, extra: { reservation: string; voucher?: string; reviewed?: boolean }) =>
      sql.query(
        `INSERT INTO claims (union_id, id, number, status, kind, purpose, event_date, expense_account, amount, payee_kind, payee_name,
                             payee_account, created_by_name, approved_by, reviewed_by, reviewed_by_name, reservation_id, voucher_id, paid_at)
         VALUES ($1, $2, $3, $4, 'general', '会员活动', '2026-03-10', '50105', 300, 'bank', '某某公司', '6222000011112222', '报账员',
                 $5, $6, $7, $8, $9, $10)`,
        [
          union, id, number, status, randomUUID(),
          extra.reviewed ? randomUUID() : null, extra.reviewed ? '会计' : null,
          extra.reservation, extra.voucher ?? null, extra.voucher ? new Date('2026-03-20T02:00:00Z') : null,
        ],
      );
    await claim(ids.paid, 'BX-2026-0001', 'paid', { reservation: reservations.paid, voucher: ids.voucher, reviewed: true });
    await claim(ids.reviewed, 'BX-2026-0002', 'reviewed', { reservation: reservations.reviewed, reviewed: true });
    await claim(ids.approved, 'BX-2026-0003', 'approved', { reservation: reservations.approved });
    await sql.query(
      `INSERT INTO claim_events (union_id, claim_id, seq, action, from_status, to_status, actor_name)
       VALUES ($1, $2, 1, 'review', 'approved', 'reviewed', '会计')`,
      [union, ids.reviewed],
    );
    await sql.query(`SET session_replication_role = DEFAULT`);

    await migrate(migrations.length);
  }, 600_000);

  afterAll(async () => {
    await sql?.end();
    const admin = new Client({ connectionString: process.env.UL_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const claimRow = async (id: string) =>
    (
      await sql.query(
        `SELECT status, voucher_id, payment_voucher_id, reservation_id, reviewed_by, reviewed_by_name, version
           FROM claims WHERE union_id = $1 AND id = $2`,
        [union, id],
      )
    ).rows[0];

  it('a paid claim is posted, its voucher now its payment voucher; its reservation stays consumed', async () => {
    expect(await claimRow(ids.paid)).toMatchObject({ status: 'posted', voucher_id: ids.voucher, payment_voucher_id: ids.voucher, reservation_id: reservations.paid });
    const r = await sql.query(`SELECT status FROM fund_reservations WHERE union_id = $1 AND id = $2`, [union, reservations.paid]);
    expect(r.rows).toEqual([{ status: 'consumed' }]);
  });

  it('a reviewed claim goes back to approved (no payment voucher yet), its reservation kept open, and says why', async () => {
    expect(await claimRow(ids.reviewed)).toMatchObject({
      status: 'approved', voucher_id: null, payment_voucher_id: null, reservation_id: reservations.reviewed, reviewed_by: null, reviewed_by_name: null, version: 2,
    });
    const r = await sql.query(`SELECT status FROM fund_reservations WHERE union_id = $1 AND id = $2`, [union, reservations.reviewed]);
    expect(r.rows).toEqual([{ status: 'open' }]);
    const events = await sql.query(`SELECT seq, action, from_status, to_status, actor_name, comment FROM claim_events WHERE union_id = $1 AND claim_id = $2 ORDER BY seq`, [union, ids.reviewed]);
    expect(events.rows).toEqual([
      { seq: 1, action: 'review', from_status: 'approved', to_status: 'reviewed', actor_name: '会计', comment: null },
      { seq: 2, action: 'migrate', from_status: 'reviewed', to_status: 'approved', actor_name: '系统', comment: expect.stringContaining('请会计重新审核') },
    ]);
    const audit = await sql.query(`SELECT action, entity_id, before, after FROM audit_log WHERE union_id = $1 AND action = 'claim.migrate'`, [union]);
    expect(audit.rows).toEqual([
      { action: 'claim.migrate', entity_id: ids.reviewed, before: { status: 'reviewed' }, after: expect.objectContaining({ number: 'BX-2026-0002', status: 'approved' }) },
    ]);
  });

  it('leaves the other claims as they were, and no claim breaks the new rules', async () => {
    expect(await claimRow(ids.approved)).toMatchObject({ status: 'approved', payment_voucher_id: null, reservation_id: reservations.approved, version: 1 });
    // the constraints added by the migration hold for every row (they were validated as they were added)
    const statuses = await sql.query(`SELECT status, count(*)::int AS n FROM claims WHERE union_id = $1 GROUP BY status ORDER BY status`, [union]);
    expect(statuses.rows).toEqual([{ status: 'approved', n: 2 }, { status: 'posted', n: 1 }]);
  });
});
