import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

/**
 * 收款: money received for a union, recorded by the cashier as a receipt (source document) whose voucher
 * (Dr the union's share / Cr income, or a refund's expense or 135) the system prepares as a draft and
 * another person posts. The receipt and its voucher share nothing but the voucher id: the receipt is
 * "posted" when that voucher is, "cancelled" when its draft was withdrawn.
 *
 * 会费: a dues roll per union and month (member, wage base, dues by the center's rule), which a dues
 * receipt may cite. The center's settings (dues ratio, base unit, rounding; the account returned funds
 * go to; the matching window) are `center_bank_settings`.
 */
export class Receipts1795350001000 implements MigrationInterface {
  name = 'Receipts1795350001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE center_bank_settings (
        center_id uuid NOT NULL,
        dues_ratio numeric(7,6) NOT NULL DEFAULT 0.005,
        dues_base_unit numeric(18,2) NOT NULL DEFAULT 10,
        dues_round_to varchar(4) NOT NULL DEFAULT 'fen',
        dues_rounding varchar(8) NOT NULL DEFAULT 'half_up',
        allocation_account varchar(9) NOT NULL DEFAULT '402',
        match_window_days integer NOT NULL DEFAULT 3,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_center_bank_settings PRIMARY KEY (center_id),
        CONSTRAINT fk_center_bank_settings_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_center_bank_settings_dues CHECK (dues_ratio > 0 AND dues_ratio < 1 AND dues_base_unit >= 0.01),
        CONSTRAINT ck_center_bank_settings_round CHECK (dues_round_to IN ('fen', 'jiao', 'yuan') AND dues_rounding IN ('half_up', 'down')),
        CONSTRAINT ck_center_bank_settings_allocation CHECK (allocation_account IN ('402', '40301')),
        CONSTRAINT ck_center_bank_settings_window CHECK (match_window_days BETWEEN 0 AND 31)
      )`);

    await q.query(`
      CREATE TABLE dues_rolls (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        period integer NOT NULL,
        members integer NOT NULL,
        total numeric(18,2) NOT NULL,
        rule jsonb NOT NULL,
        file_sha256 char(64),
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_dues_rolls PRIMARY KEY (union_id, id),
        CONSTRAINT fk_dues_rolls_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_dues_rolls_figures CHECK (members > 0 AND total >= 0)
      )`);
    await q.query(`CREATE INDEX ix_dues_rolls_period ON dues_rolls (union_id, period)`);
    await q.query(`
      CREATE TABLE dues_roll_members (
        union_id uuid NOT NULL,
        roll_id uuid NOT NULL,
        line_no integer NOT NULL,
        member_no varchar(40),
        name varchar(50) NOT NULL,
        wage numeric(18,2) NOT NULL,
        base numeric(18,2) NOT NULL,
        dues numeric(18,2) NOT NULL,
        CONSTRAINT pk_dues_roll_members PRIMARY KEY (union_id, roll_id, line_no),
        CONSTRAINT fk_dues_roll_members_roll FOREIGN KEY (union_id, roll_id) REFERENCES dues_rolls (union_id, id),
        CONSTRAINT ck_dues_roll_members_figures CHECK (wage >= 0 AND base >= 0 AND dues >= 0)
      )`);

    await q.query(`
      CREATE TABLE receipt_sequences (
        union_id uuid NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        CONSTRAINT pk_receipt_sequences PRIMARY KEY (union_id, year),
        CONSTRAINT fk_receipt_sequences_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);
    await q.query(`
      CREATE TABLE receipts (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        number varchar(20) NOT NULL,
        kind varchar(16) NOT NULL,
        amount numeric(18,2) NOT NULL,
        received_on date NOT NULL,
        payer varchar(100) NOT NULL,
        bank_reference varchar(64),
        share_account varchar(9) NOT NULL,
        credit_account varchar(9) NOT NULL,
        fund_type varchar(12),
        project_code varchar(32),
        memo varchar(200),
        dues_period integer,
        dues_members integer,
        dues_roll_id uuid,
        batch_id uuid,
        voucher_id uuid NOT NULL,
        recorded_by uuid,
        recorded_by_name varchar(100) NOT NULL,
        cancelled_at timestamptz,
        cancelled_by uuid,
        cancel_reason varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_receipts PRIMARY KEY (union_id, id),
        CONSTRAINT uq_receipts_number UNIQUE (union_id, number),
        CONSTRAINT uq_receipts_voucher UNIQUE (union_id, voucher_id),
        CONSTRAINT fk_receipts_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_receipts_share FOREIGN KEY (union_id, share_account) REFERENCES bank_account_shares (union_id, account_code),
        CONSTRAINT fk_receipts_account FOREIGN KEY (union_id, credit_account) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_receipts_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT fk_receipts_roll FOREIGN KEY (union_id, dues_roll_id) REFERENCES dues_rolls (union_id, id),
        CONSTRAINT ck_receipts_kind CHECK (kind IN ('dues', 'allocation', 'subsidy', 'admin_subsidy', 'other', 'refund')),
        CONSTRAINT ck_receipts_amount CHECK (amount > 0),
        CONSTRAINT ck_receipts_dues CHECK (kind = 'dues' OR (dues_period IS NULL AND dues_members IS NULL AND dues_roll_id IS NULL)),
        CONSTRAINT ck_receipts_cancelled CHECK (cancelled_at IS NOT NULL OR (cancelled_by IS NULL AND cancel_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_receipts_received ON receipts (union_id, received_on)`);
    await q.query(`CREATE INDEX ix_receipts_batch ON receipts (union_id, batch_id) WHERE batch_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_receipts_dues ON receipts (union_id, dues_period) WHERE kind = 'dues'`);

    await q.query(`
      CREATE TABLE receipt_attachments (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        receipt_id uuid NOT NULL,
        file_name varchar(200) NOT NULL,
        media_type varchar(40) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_by uuid,
        uploaded_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        content bytea NOT NULL,
        CONSTRAINT pk_receipt_attachments PRIMARY KEY (union_id, id),
        CONSTRAINT fk_receipt_attachments_receipt FOREIGN KEY (union_id, receipt_id) REFERENCES receipts (union_id, id),
        CONSTRAINT ck_receipt_attachments_size CHECK (size > 0 AND size <= 10485760 AND octet_length(content) = size)
      )`);
    await q.query(`CREATE INDEX ix_receipt_attachments_receipt ON receipt_attachments (union_id, receipt_id)`);

    // A receipt is a source document: never deleted; only its cancellation is ever written to it, once.
    await q.query(`
      CREATE FUNCTION bank_receipt_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'receipts are never deleted; cancel instead';
        END IF;
        IF OLD.cancelled_at IS NOT NULL OR NEW.cancelled_at IS NULL
           OR (to_jsonb(NEW) - 'cancelled_at' - 'cancelled_by' - 'cancel_reason') <> (to_jsonb(OLD) - 'cancelled_at' - 'cancelled_by' - 'cancel_reason') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a receipt can only be cancelled, once';
        END IF;
        IF EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = OLD.union_id AND v.id = OLD.voucher_id) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a posted receipt is corrected by a red-ink reversal, not cancelled';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER receipts_guard BEFORE UPDATE OR DELETE ON receipts FOR EACH ROW EXECUTE FUNCTION bank_receipt_guard()`);
    for (const table of ['receipts', 'receipt_attachments', 'dues_rolls', 'dues_roll_members']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['receipt_attachments', 'dues_rolls', 'dues_roll_members']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['receipts', 'dues_rolls']) {
      await q.query(`CREATE TRIGGER ${table}_union_status BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_union_status_row_lock()`);
    }
    await q.query(`ALTER FUNCTION bank_receipt_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    // settings and counters change; a receipt only takes its cancellation; rolls and documents never change
    await allowServiceChanges(q, 'center_bank_settings', { update: true });
    await allowServiceChanges(q, 'receipt_sequences', { update: true });
    await allowServiceChanges(q, 'receipts', { update: ['cancelled_at', 'cancelled_by', 'cancel_reason'] });
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['center_bank_settings', 'receipt_sequences', 'receipts']) await revokeServiceChanges(q, table);
    await q.query(`DROP TABLE receipt_attachments, receipts, receipt_sequences, dues_roll_members, dues_rolls, center_bank_settings`);
    await q.query(`DROP FUNCTION bank_receipt_guard()`);
  }
}
