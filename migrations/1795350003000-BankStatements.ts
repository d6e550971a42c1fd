import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

/**
 * 银行对账: the pooled accounts' own statements, their matching with the unions' book lines, and the
 * cashier's sign-off of a reconciliation. Statement lines are the bank's record: never changed or removed,
 * each kept once per account (the unique identity: date, amounts, reference, running balance). A match ties
 * statement lines to posted voucher lines on the account's shares; a line is in at most one live match
 * (partial unique indexes), whatever the race. Sign-offs are append-only.
 */
export class BankStatements1795350003000 implements MigrationInterface {
  name = 'BankStatements1795350003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bank_statement_formats (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_name varchar(100) NOT NULL,
        name varchar(100) NOT NULL,
        columns jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bank_statement_formats PRIMARY KEY (center_id, id),
        CONSTRAINT uq_bank_statement_formats_name UNIQUE (center_id, bank_name, name),
        CONSTRAINT fk_bank_statement_formats_center FOREIGN KEY (center_id) REFERENCES centers (id)
      )`);
    await q.query(`
      CREATE TABLE bank_statements (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        file_name varchar(200) NOT NULL,
        file_sha256 char(64) NOT NULL,
        file_format varchar(4) NOT NULL,
        format_id uuid,
        line_count integer NOT NULL,
        new_lines integer NOT NULL,
        first_date date NOT NULL,
        last_date date NOT NULL,
        imported_by uuid,
        imported_by_name varchar(100) NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bank_statements PRIMARY KEY (center_id, id),
        CONSTRAINT fk_bank_statements_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id),
        CONSTRAINT fk_bank_statements_format FOREIGN KEY (center_id, format_id) REFERENCES bank_statement_formats (center_id, id),
        CONSTRAINT ck_bank_statements_counts CHECK (line_count > 0 AND new_lines BETWEEN 0 AND line_count)
      )`);
    await q.query(`
      CREATE TABLE bank_statement_lines (
        center_id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        id uuid NOT NULL,
        seq integer NOT NULL,
        statement_id uuid NOT NULL,
        row_no integer NOT NULL,
        txn_date date NOT NULL,
        amount_in numeric(18,2) NOT NULL,
        amount_out numeric(18,2) NOT NULL,
        balance numeric(18,2) NOT NULL,
        counterpart_name varchar(100),
        counterpart_account varchar(40),
        reference varchar(64),
        summary varchar(200),
        CONSTRAINT pk_bank_statement_lines PRIMARY KEY (center_id, id),
        CONSTRAINT uq_bank_statement_lines_seq UNIQUE (center_id, bank_account_id, seq),
        CONSTRAINT uq_bank_statement_lines_identity UNIQUE NULLS NOT DISTINCT (center_id, bank_account_id, txn_date, amount_in, amount_out, reference, balance),
        CONSTRAINT fk_bank_statement_lines_statement FOREIGN KEY (center_id, statement_id) REFERENCES bank_statements (center_id, id),
        CONSTRAINT fk_bank_statement_lines_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id),
        CONSTRAINT ck_bank_statement_lines_amount CHECK (amount_in >= 0 AND amount_out >= 0 AND (amount_in = 0) <> (amount_out = 0))
      )`);
    await q.query(`CREATE INDEX ix_bank_statement_lines_date ON bank_statement_lines (center_id, bank_account_id, txn_date)`);

    await q.query(`
      CREATE TABLE bank_matches (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        rule varchar(16) NOT NULL,
        confidence varchar(8) NOT NULL,
        status varchar(10) NOT NULL,
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_by_name varchar(100),
        decided_at timestamptz,
        CONSTRAINT pk_bank_matches PRIMARY KEY (center_id, id),
        CONSTRAINT fk_bank_matches_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id),
        CONSTRAINT ck_bank_matches_rule CHECK (rule IN ('reference', 'amount_date', 'amount_window', 'one_to_many', 'many_to_one', 'manual')),
        CONSTRAINT ck_bank_matches_confidence CHECK (confidence IN ('high', 'medium', 'low')),
        CONSTRAINT ck_bank_matches_status CHECK (status IN ('proposed', 'confirmed', 'rejected', 'undone'))
      )`);
    await q.query(`CREATE INDEX ix_bank_matches_status ON bank_matches (center_id, bank_account_id, status)`);
    // `live` mirrors the match's status (proposed or confirmed): a line is in one live match at most. No
    // foreign key to voucher_lines: one would make TRUNCATE of the ledger fail on the reference before its
    // own guard speaks; posted lines are never removed, and the service takes book lines only from the ledger.
    await q.query(`
      CREATE TABLE bank_match_items (
        center_id uuid NOT NULL,
        match_id uuid NOT NULL,
        item_no integer NOT NULL,
        statement_line_id uuid,
        union_id uuid,
        voucher_id uuid,
        line_no smallint,
        live boolean NOT NULL DEFAULT true,
        CONSTRAINT pk_bank_match_items PRIMARY KEY (center_id, match_id, item_no),
        CONSTRAINT fk_bank_match_items_match FOREIGN KEY (center_id, match_id) REFERENCES bank_matches (center_id, id),
        CONSTRAINT fk_bank_match_items_statement FOREIGN KEY (center_id, statement_line_id) REFERENCES bank_statement_lines (center_id, id),
        CONSTRAINT ck_bank_match_items_side CHECK ((statement_line_id IS NULL) = (voucher_id IS NOT NULL) AND (voucher_id IS NULL) = (union_id IS NULL) AND (voucher_id IS NULL) = (line_no IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_bank_match_items_statement ON bank_match_items (center_id, statement_line_id) WHERE live AND statement_line_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_bank_match_items_book ON bank_match_items (union_id, voucher_id, line_no) WHERE live AND voucher_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_bank_match_items_match ON bank_match_items (center_id, match_id)`);

    await q.query(`
      CREATE TABLE bank_reconciliations (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        through_date date NOT NULL,
        book_balance numeric(18,2) NOT NULL,
        statement_balance numeric(18,2) NOT NULL,
        adjusted_balance numeric(18,2) NOT NULL,
        open_items integer NOT NULL,
        note varchar(200),
        signed_by uuid,
        signed_by_name varchar(100) NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bank_reconciliations PRIMARY KEY (center_id, id),
        CONSTRAINT fk_bank_reconciliations_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id)
      )`);
    await q.query(`CREATE INDEX ix_bank_reconciliations_through ON bank_reconciliations (center_id, bank_account_id, through_date)`);

    // the bank's record and the sign-offs never change; a match changes only its status (and its items' live flag)
    for (const table of ['bank_statements', 'bank_statement_lines', 'bank_reconciliations']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['bank_statements', 'bank_statement_lines', 'bank_reconciliations', 'bank_matches', 'bank_match_items']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    await q.query(`
      CREATE FUNCTION bank_match_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'bank matches are never deleted; undo instead';
        END IF;
        IF OLD.status NOT IN ('proposed', 'confirmed') OR NEW.status = 'proposed' OR (OLD.status = 'confirmed' AND NEW.status <> 'undone')
           OR (to_jsonb(NEW) - 'status' - 'decided_by' - 'decided_by_name' - 'decided_at')
              <> (to_jsonb(OLD) - 'status' - 'decided_by' - 'decided_by_name' - 'decided_at') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a match is confirmed, rejected or undone once, and nothing else of it changes';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER bank_matches_guard BEFORE UPDATE OR DELETE ON bank_matches FOR EACH ROW EXECUTE FUNCTION bank_match_guard()`);
    await q.query(`
      CREATE FUNCTION bank_match_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NOT OLD.live OR NEW.live
           OR (to_jsonb(NEW) - 'live') <> (to_jsonb(OLD) - 'live') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a match item only ever stops being live';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER bank_match_items_guard BEFORE UPDATE OR DELETE ON bank_match_items FOR EACH ROW EXECUTE FUNCTION bank_match_item_guard()`);
    for (const fn of ['bank_match_guard()', 'bank_match_item_guard()']) await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);

    await allowServiceChanges(q, 'bank_statement_formats', { update: true });
    await allowServiceChanges(q, 'bank_matches', { update: ['status', 'decided_by', 'decided_by_name', 'decided_at'] });
    await allowServiceChanges(q, 'bank_match_items', { update: ['live'] });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['bank_statement_formats', 'bank_matches', 'bank_match_items']) await revokeServiceChanges(q, table);
    await q.query(`DROP TABLE bank_reconciliations, bank_match_items, bank_matches, bank_statement_lines, bank_statements, bank_statement_formats`);
    await q.query(`DROP FUNCTION bank_match_guard(), bank_match_item_guard()`);
  }
}
