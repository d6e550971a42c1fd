import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

/**
 * 经费返还 / 拨缴经费分配: one bank credit on a pooled account split across many unions by a file. A batch is
 * stored only once its whole file is valid; posting it turns every row into a receipt and its voucher, all
 * in one transaction. The same file (by hash) or the same bank credit (account + reference) backs one live
 * batch only: the unique indexes leave out cancelled batches.
 */
export class Allocations1795350002000 implements MigrationInterface {
  name = 'Allocations1795350002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_sequences (
        center_id uuid NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        CONSTRAINT pk_allocation_sequences PRIMARY KEY (center_id, year),
        CONSTRAINT fk_allocation_sequences_center FOREIGN KEY (center_id) REFERENCES centers (id)
      )`);
    await q.query(`
      CREATE TABLE allocation_batches (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        number varchar(20) NOT NULL,
        bank_account_id uuid NOT NULL,
        credit_date date NOT NULL,
        credit_amount numeric(18,2) NOT NULL,
        credit_reference varchar(64) NOT NULL,
        payer varchar(100) NOT NULL,
        file_name varchar(200) NOT NULL,
        file_sha256 char(64) NOT NULL,
        file_format varchar(4) NOT NULL,
        row_count integer NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'validated',
        uploaded_by uuid,
        uploaded_by_name varchar(100) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        posted_by uuid,
        posted_by_name varchar(100),
        posted_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason varchar(200),
        CONSTRAINT pk_allocation_batches PRIMARY KEY (center_id, id),
        CONSTRAINT uq_allocation_batches_number UNIQUE (center_id, number),
        CONSTRAINT fk_allocation_batches_bank_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id),
        CONSTRAINT ck_allocation_batches_status CHECK (status IN ('validated', 'posted', 'cancelled')),
        CONSTRAINT ck_allocation_batches_amount CHECK (credit_amount > 0 AND row_count > 0),
        CONSTRAINT ck_allocation_batches_posted CHECK ((status = 'posted') = (posted_at IS NOT NULL)),
        CONSTRAINT ck_allocation_batches_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_allocation_batches_file ON allocation_batches (center_id, file_sha256) WHERE status <> 'cancelled'`);
    await q.query(`
      CREATE UNIQUE INDEX uq_allocation_batches_credit ON allocation_batches (center_id, bank_account_id, credit_reference)
        WHERE status <> 'cancelled'`);

    await q.query(`
      CREATE TABLE allocation_rows (
        center_id uuid NOT NULL,
        batch_id uuid NOT NULL,
        row_no integer NOT NULL,
        union_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        fund_type varchar(12) NOT NULL,
        project_code varchar(32),
        amount numeric(18,2) NOT NULL,
        memo varchar(100),
        CONSTRAINT pk_allocation_rows PRIMARY KEY (center_id, batch_id, row_no),
        CONSTRAINT fk_allocation_rows_batch FOREIGN KEY (center_id, batch_id) REFERENCES allocation_batches (center_id, id),
        CONSTRAINT fk_allocation_rows_union FOREIGN KEY (union_id, center_id) REFERENCES unions (id, center_id),
        CONSTRAINT ck_allocation_rows_kind CHECK (kind IN ('allocation', 'subsidy')),
        CONSTRAINT ck_allocation_rows_amount CHECK (amount > 0)
      )`);
    await q.query(`ALTER TABLE receipts ADD CONSTRAINT ck_receipts_batch CHECK (batch_id IS NULL OR kind IN ('allocation', 'subsidy'))`);

    // A batch moves validated → posted or cancelled, once; nothing else of it changes; rows never change.
    await q.query(`
      CREATE FUNCTION bank_allocation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'allocation batches are never deleted; cancel instead';
        END IF;
        IF OLD.status <> 'validated' OR NEW.status = 'validated'
           OR (to_jsonb(NEW) - 'status' - 'posted_by' - 'posted_by_name' - 'posted_at' - 'cancelled_at' - 'cancel_reason')
              <> (to_jsonb(OLD) - 'status' - 'posted_by' - 'posted_by_name' - 'posted_at' - 'cancelled_at' - 'cancel_reason') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'an allocation batch is posted or cancelled once, and nothing else of it changes';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER allocation_batches_guard BEFORE UPDATE OR DELETE ON allocation_batches FOR EACH ROW EXECUTE FUNCTION bank_allocation_guard()`);
    await q.query(`CREATE TRIGGER allocation_rows_append_only BEFORE UPDATE OR DELETE ON allocation_rows FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    for (const table of ['allocation_batches', 'allocation_rows']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    await q.query(`ALTER FUNCTION bank_allocation_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await allowServiceChanges(q, 'allocation_sequences', { update: true });
    await allowServiceChanges(q, 'allocation_batches', { update: ['status', 'posted_by', 'posted_by_name', 'posted_at', 'cancelled_at', 'cancel_reason'] });
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceChanges(q, 'allocation_sequences');
    await revokeServiceChanges(q, 'allocation_batches');
    await q.query(`ALTER TABLE receipts DROP CONSTRAINT ck_receipts_batch`);
    await q.query(`DROP TABLE allocation_rows, allocation_batches, allocation_sequences`);
    await q.query(`DROP FUNCTION bank_allocation_guard()`);
  }
}
