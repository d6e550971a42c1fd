import { MigrationInterface, QueryRunner } from 'typeorm';
import { ChainSpec, chainTable, unchainTable } from './chains';
import { FUNCTION_SEARCH_PATH, runAsOwner } from './roles';

/** What an auditor relies on, besides the audit log: chained in this order when the migration adopts them. */
const CHAINED: ChainSpec[] = [
  { table: 'unions', union: 'id', key: ['id'] },
  { table: 'accounts', union: 'union_id', key: ['code'] },
  { table: 'projects', union: 'union_id', key: ['code'] },
  { table: 'opening_balances', union: 'union_id', key: ['account_code'] },
  { table: 'periods', union: 'union_id', key: ['period'] },
  { table: 'period_events', union: 'union_id', key: ['id'] },
  { table: 'voucher_reversals', union: 'union_id', key: ['original_id'] },
  { table: 'fund_reservations', union: 'union_id', key: ['id'] },
  { table: 'claims', union: 'union_id', key: ['id'] },
  { table: 'claim_lines', union: 'union_id', key: ['claim_id', 'line_no'] },
  { table: 'claim_beneficiaries', union: 'union_id', key: ['claim_id', 'line_no'] },
  { table: 'claim_attachments', union: 'union_id', key: ['id'], exclude: ['content'] },
  { table: 'claim_events', union: 'union_id', key: ['claim_id', 'seq'] },
];

/** A posted voucher's record: the voucher row with every column (metadata included) and its lines. */
const VOUCHER_SNAPSHOT = `to_jsonb(v) || jsonb_build_object('lines', coalesce((
    SELECT jsonb_agg(to_jsonb(l) - '{union_id,voucher_id}'::text[] ORDER BY l.line_no)
      FROM voucher_lines l WHERE l.union_id = v.union_id AND l.voucher_id = v.id), '[]'::jsonb))`;

/**
 * The books chain (issue 15): one hash chain per union (`chain_records`, head `records` in chain_heads)
 * that holds a record of every row an auditor relies on, as it was at each change — posted vouchers with
 * all their metadata and lines, reversals, opening balances, periods and their close/reopen events,
 * claims with their lines, beneficiaries, documents and events, fund reservations, the union and its
 * chart. Each record is SHA-256(previous hash ‖ [transaction, table, key, operation, row]) as jsonb text,
 * so Node recomputes it from the stored row alone, and verify compares the latest record of every row with
 * the row itself. Records are appended at commit by deferred triggers running as the owner.
 *
 * The pre-15 voucher chain (`voucher_chain`) is kept and still verified but no longer grows: posted
 * vouchers now join the books chain, whose record covers what that chain left out (posted_at, names,
 * links, line dates). Rows already present join as `adopt` records.
 */
export class BooksChain1795331000000 implements MigrationInterface {
  name = 'BooksChain1795331000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chain_heads DROP CONSTRAINT ck_chain_heads_chain`);
    await q.query(`ALTER TABLE chain_heads ADD CONSTRAINT ck_chain_heads_chain CHECK (chain IN ('audit', 'vouchers', 'records'))`);
    await q.query(`
      CREATE TABLE chain_records (
        union_id uuid NOT NULL,
        seq bigint NOT NULL,
        tx_id bigint NOT NULL,
        kind varchar(40) NOT NULL,
        entity_key varchar(200) COLLATE "C" NOT NULL,
        op varchar(6) NOT NULL,
        snapshot jsonb,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_chain_records PRIMARY KEY (union_id, seq),
        CONSTRAINT ck_chain_records_op CHECK (op IN ('adopt', 'insert', 'update', 'delete') AND (snapshot IS NULL) = (op = 'delete'))
      )`);
    await q.query(`CREATE TRIGGER chain_records_append_only BEFORE UPDATE OR DELETE ON chain_records FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    await q.query(`CREATE TRIGGER chain_records_no_truncate BEFORE TRUNCATE ON chain_records FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    await q.query(`REVOKE INSERT ON chain_records FROM ledger_service`);

    await q.query(`
      CREATE FUNCTION ledger_record_key(r jsonb, cols text[]) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT string_agg(r ->> c, '/' ORDER BY o) FROM unnest(cols) WITH ORDINALITY AS x(c, o)
      $$`);
    await q.query(`
      CREATE FUNCTION ledger_record_append(u uuid, k varchar, key text, op varchar, r jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        h record;
        tx bigint := pg_current_xact_id()::text::bigint;
        new_hash char(64);
      BEGIN
        SELECT * INTO h FROM ledger_chain_advance(u, 'records');
        new_hash := ledger_chain_hash(h.prev_hash, jsonb_build_array(tx, k, key, op, r)::text);
        INSERT INTO chain_records (union_id, seq, tx_id, kind, entity_key, op, snapshot, prev_hash, hash)
          VALUES (u, h.seq, tx, k, key, op, r, h.prev_hash, new_hash);
        UPDATE chain_heads SET hash = new_hash WHERE union_id = u AND chain = 'records';
      END $$`);
    // TG_ARGV: the union column, the key columns, the excluded columns (comma-separated)
    await q.query(`
      CREATE FUNCTION ledger_record_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
      BEGIN
        PERFORM ledger_record_append((r ->> TG_ARGV[0])::uuid, TG_TABLE_NAME::varchar, ledger_record_key(r, string_to_array(TG_ARGV[1], ',')),
                                     lower(TG_OP)::varchar, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE r - string_to_array(TG_ARGV[2], ',') END);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION ledger_record_voucher() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v vouchers := NEW;
      BEGIN
        PERFORM ledger_record_append(v.union_id, 'vouchers', v.id::text, 'insert', ${VOUCHER_SNAPSHOT});
        RETURN NULL;
      END $$`);
    for (const fn of ['ledger_record_append(uuid, varchar, text, varchar, jsonb)', 'ledger_record_row()', 'ledger_record_voucher()']) {
      await runAsOwner(q, fn);
      // a record renders its timestamps in UTC whatever the session's zone, as verify reads them
      await q.query(`ALTER FUNCTION ${fn} SET timezone = 'UTC'`);
    }
    await q.query(`ALTER FUNCTION ledger_record_key(jsonb, text[]) SET search_path = ${FUNCTION_SEARCH_PATH}`);

    // posted vouchers: recorded at commit, after vouchers_check has passed them (trigger name order)
    await q.query(`DROP TRIGGER vouchers_zchain ON vouchers`);
    await q.query(`SET LOCAL timezone = 'UTC'`);
    await q.query(`
      SELECT ledger_record_append(v.union_id, 'vouchers', v.id::text, 'adopt', ${VOUCHER_SNAPSHOT})
        FROM vouchers v ORDER BY v.union_id, v.posted_at, v.period, v.voucher_type, v.number`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_zrecord AFTER INSERT ON vouchers
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_record_voucher()`);
    for (const spec of CHAINED) await chainTable(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const spec of [...CHAINED].reverse()) await unchainTable(q, spec.table);
    await q.query(`DROP TRIGGER vouchers_zrecord ON vouchers`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_zchain AFTER INSERT ON vouchers
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_voucher_chain()`);
    await q.query(`DROP FUNCTION ledger_record_voucher(), ledger_record_row(), ledger_record_append(uuid, varchar, text, varchar, jsonb), ledger_record_key(jsonb, text[])`);
    await q.query(`DROP TABLE chain_records`);
    await q.query(`DELETE FROM chain_heads WHERE chain = 'records'`);
    await q.query(`ALTER TABLE chain_heads DROP CONSTRAINT ck_chain_heads_chain`);
    await q.query(`ALTER TABLE chain_heads ADD CONSTRAINT ck_chain_heads_chain CHECK (chain IN ('audit', 'vouchers'))`);
  }
}
