import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, OWNER_ROLE, revokeServiceChanges, runAsCaller, runAsOwner, SERVICE_ROLE } from './roles';

/** Tables whose rows the service may change, and how. Every other table is SELECT + INSERT (or SELECT only). */
const MUTABLE: [string, { update?: true | string[]; delete?: true }][] = [
  ['unions', { update: true }],
  ['accounts', { update: true, delete: true }],
  ['projects', { update: true }],
  ['periods', { update: ['status', 'closed_at', 'closed_by'] }],
  ['voucher_drafts', { update: true, delete: true }],
  ['voucher_draft_lines', { update: true, delete: true }],
  ['opening_balances', { delete: true }],
  ['users', { update: true }],
  ['grants', { delete: true }],
  ['refresh_tokens', { update: true }],
  ['fund_reservations', { update: ['status', 'closed_at'] }],
  ['center_claim_settings', { update: true }],
  ['claim_sequences', { update: true }],
  ['claims', { update: true }],
  ['claim_lines', { delete: true }],
  ['claim_beneficiaries', { delete: true }],
  ['claim_attachments', { delete: true }],
  ['document_registry', { delete: true }],
  ['idempotency_keys', { update: true }],
  ['export_jobs', { update: true }],
];

/** Written only by triggers running as the owner (or by migrations): the service reads them. */
const READ_ONLY = ['chart_template_accounts', 'voucher_sequences', 'account_balances', 'chain_heads', 'voucher_chain', 'migrations'];

/** Trigger functions (and their helpers) that write what the service may not: counters, balances, chains. */
const AS_OWNER = [
  'ledger_voucher_insert()',
  'ledger_voucher_lines_insert()',
  'ledger_chain_advance(uuid, varchar)',
  'ledger_audit_append()',
  'ledger_voucher_chain_append(uuid, uuid)',
  'ledger_voucher_chain()',
];

/**
 * Least privilege (issue 15): the schema belongs to OWNER_ROLE, which runs the migrations; the service
 * logs in as SERVICE_ROLE, which owns nothing. So the service cannot disable a trigger, replace a function,
 * alter a table or set session_replication_role, and it has no UPDATE or DELETE on append-only tables.
 * What it may not write itself (balances, voucher counters, chains) is written by triggers that run as the
 * owner. Default privileges give the service SELECT and INSERT on every table a later migration creates;
 * a later migration grants more with `allowServiceChanges` (migrations/roles.ts).
 *
 * Opening balances now reach the balance rows through a trigger as well (the service has no write on
 * account_balances), and the database refuses them once the union has posted or closed its first period.
 */
export class LeastPrivilege1795330000000 implements MigrationInterface {
  name = 'LeastPrivilege1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF current_user <> '${OWNER_ROLE}' THEN
          RAISE EXCEPTION 'migrations must run as the schema owner ${OWNER_ROLE}, not as %: see README, "Database roles"', current_user;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SERVICE_ROLE}') THEN
          RAISE EXCEPTION 'the service role ${SERVICE_ROLE} does not exist: see README, "Database roles"';
        END IF;
      END $$`);

    await q.query(`GRANT USAGE ON SCHEMA public TO ${SERVICE_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ${SERVICE_ROLE}`);
    for (const table of READ_ONLY) await q.query(`REVOKE INSERT ON ${table} FROM ${SERVICE_ROLE}`);
    for (const [table, changes] of MUTABLE) await allowServiceChanges(q, table, changes);
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO ${SERVICE_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${SERVICE_ROLE}`);

    await this.openingBalances(q);
    for (const fn of AS_OWNER) await runAsOwner(q, fn);
    // Every other function that touches a table resolves names in our schema first, so a temporary table of
    // the caller's session can never stand in for one of ours.
    for (const fn of await tableFunctions(q)) await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
  }

  /**
   * The balance rows of the first period follow the opening balances, by trigger; opening balances change
   * only while nothing is posted and the first period is open (under the union's posting lock).
   */
  private async openingBalances(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_opening_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        u uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.union_id ELSE NEW.union_id END;
      BEGIN
        PERFORM pg_advisory_xact_lock(ledger_posting_lock_key(u));
        IF EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = u)
           OR EXISTS (SELECT 1 FROM periods p JOIN unions x ON x.id = p.union_id AND x.first_period = p.period
                       WHERE p.union_id = u AND p.status = 'closed') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL010', MESSAGE = format('opening balances of union %s are locked', u);
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.union_id, NEW.account_code) IS DISTINCT FROM (OLD.union_id, OLD.account_code) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL010', MESSAGE = 'an opening balance keeps its account';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER opening_balances_guard BEFORE INSERT OR UPDATE OR DELETE ON opening_balances
        FOR EACH ROW EXECUTE FUNCTION ledger_opening_balances_guard()`);
    await q.query(`
      CREATE FUNCTION ledger_opening_balances_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        delta numeric := CASE TG_OP WHEN 'INSERT' THEN NEW.amount WHEN 'DELETE' THEN -OLD.amount ELSE NEW.amount - OLD.amount END;
        fp integer;
      BEGIN
        SELECT first_period INTO fp FROM unions WHERE id = r.union_id;
        INSERT INTO account_balances AS b (union_id, account_code, period, opening, debit, credit, closing)
          VALUES (r.union_id, r.account_code, fp, delta, 0, 0, delta)
          ON CONFLICT (union_id, account_code, period)
          DO UPDATE SET opening = b.opening + EXCLUDED.opening, closing = b.closing + EXCLUDED.closing;
        DELETE FROM account_balances
         WHERE union_id = r.union_id AND account_code = r.account_code AND period = fp
           AND opening = 0 AND debit = 0 AND credit = 0 AND closing = 0;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER opening_balances_apply AFTER INSERT OR UPDATE OR DELETE ON opening_balances
        FOR EACH ROW EXECUTE FUNCTION ledger_opening_balances_apply()`);
    await runAsOwner(q, 'ledger_opening_balances_apply()');
    await q.query(`CREATE TRIGGER opening_balances_no_truncate BEFORE TRUNCATE ON opening_balances FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of await tableFunctions(q)) await q.query(`ALTER FUNCTION ${fn} RESET search_path`);
    for (const fn of AS_OWNER) await runAsCaller(q, fn);
    await q.query(`DROP TRIGGER opening_balances_no_truncate ON opening_balances`);
    await q.query(`DROP TRIGGER opening_balances_apply ON opening_balances`);
    await q.query(`DROP TRIGGER opening_balances_guard ON opening_balances`);
    await q.query(`DROP FUNCTION ledger_opening_balances_apply(), ledger_opening_balances_guard()`);
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${SERVICE_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA public REVOKE SELECT, INSERT ON TABLES FROM ${SERVICE_ROLE}`);
    for (const [table] of MUTABLE) await revokeServiceChanges(q, table);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${SERVICE_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${SERVICE_ROLE}`);
  }
}

/** Our plpgsql and non-immutable SQL functions: those that read or write tables. */
async function tableFunctions(q: QueryRunner): Promise<string[]> {
  const rows: { sig: string }[] = await q.query(`
    SELECT p.oid::regprocedure::text AS sig
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
     WHERE n.nspname = 'public' AND p.proname LIKE 'ledger\\_%' AND l.lanname IN ('plpgsql', 'sql') AND p.provolatile <> 'i'
     ORDER BY 1`);
  return rows.map((r) => r.sig);
}
