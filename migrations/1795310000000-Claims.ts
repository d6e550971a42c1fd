import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expense claims (报销单): the clerk's request, the chair's approval, the center's review and the cashier's
 * payment, with lines, beneficiaries, documents and an append-only history. Per-union tables lead with
 * union_id; the two center tables hold settings and rule sets; `document_registry` is the one table keyed
 * across unions, because a duplicate invoice is fraud whichever union presents it (docs/scaling.md).
 */
export class Claims1795310000000 implements MigrationInterface {
  name = 'Claims1795310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE center_claim_settings (
        center_id uuid NOT NULL,
        committee_threshold numeric(18,2) NOT NULL DEFAULT 5000.00,
        cash_limit numeric(18,2) NOT NULL DEFAULT 1000.00,
        allow_cash_above_limit boolean NOT NULL DEFAULT false,
        pooled_bank_name varchar(100),
        pooled_account_name varchar(100),
        pooled_account_no varchar(40),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_center_claim_settings PRIMARY KEY (center_id),
        CONSTRAINT fk_center_claim_settings_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_center_claim_settings_amounts CHECK (committee_threshold >= 0 AND cash_limit >= 0)
      )`);
    // a rule set is never edited: a change is a new set with a later effective date, so past decisions
    // keep citing the rules they were made under
    await q.query(`
      CREATE TABLE claim_rule_sets (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        name varchar(100) NOT NULL,
        effective_from date NOT NULL,
        preset varchar(40),
        body jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_claim_rule_sets PRIMARY KEY (center_id, id),
        CONSTRAINT uq_claim_rule_sets_effective UNIQUE (center_id, effective_from),
        CONSTRAINT fk_claim_rule_sets_center FOREIGN KEY (center_id) REFERENCES centers (id)
      )`);

    await q.query(`
      CREATE TABLE claim_sequences (
        union_id uuid NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        CONSTRAINT pk_claim_sequences PRIMARY KEY (union_id, year),
        CONSTRAINT fk_claim_sequences_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);
    await q.query(`
      CREATE TABLE claims (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        number varchar(20) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'draft',
        kind varchar(16) NOT NULL,
        occasion varchar(16),
        purpose varchar(200) NOT NULL,
        event_date date NOT NULL,
        expense_account varchar(9) NOT NULL,
        fund_type varchar(12) NOT NULL DEFAULT 'unrestricted',
        project_code varchar(32),
        amount numeric(18,2) NOT NULL,
        payee_kind varchar(4) NOT NULL,
        payee_name varchar(100) NOT NULL,
        payee_bank varchar(100),
        payee_account varchar(40),
        committee_date date,
        committee_ref varchar(100),
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        submitted_by uuid,
        approved_by uuid,
        reviewed_by uuid,
        reviewed_by_name varchar(100),
        paid_by uuid,
        reservation_id uuid,
        voucher_id uuid,
        payment_date date,
        payment_ref varchar(64),
        paid_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_claims PRIMARY KEY (union_id, id),
        CONSTRAINT uq_claims_number UNIQUE (union_id, number),
        CONSTRAINT fk_claims_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_claims_account FOREIGN KEY (union_id, expense_account) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_claims_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT fk_claims_reservation FOREIGN KEY (union_id, reservation_id) REFERENCES fund_reservations (union_id, id),
        CONSTRAINT fk_claims_voucher FOREIGN KEY (union_id, voucher_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_claims_status CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'reviewed', 'returned', 'cancelled', 'paid')),
        CONSTRAINT ck_claims_amount CHECK (amount > 0),
        CONSTRAINT ck_claims_payee CHECK (payee_kind IN ('bank', 'cash') AND (payee_kind = 'cash' OR payee_account IS NOT NULL)),
        CONSTRAINT ck_claims_fund_type CHECK (fund_type IN ('restricted', 'unrestricted') AND (fund_type = 'unrestricted' OR project_code IS NOT NULL)),
        CONSTRAINT ck_claims_paid CHECK ((status = 'paid') = (voucher_id IS NOT NULL AND paid_at IS NOT NULL)),
        CONSTRAINT ck_claims_reserved CHECK (status NOT IN ('approved', 'reviewed', 'paid') OR reservation_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_claims_status ON claims (union_id, status, created_at)`);
    await q.query(`CREATE INDEX ix_claims_waiting ON claims (status, union_id) WHERE status IN ('submitted', 'approved', 'reviewed', 'returned')`);

    await q.query(`
      CREATE TABLE claim_lines (
        union_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        line_no smallint NOT NULL,
        description varchar(200) NOT NULL,
        quantity numeric(14,4) NOT NULL,
        unit_price numeric(18,2) NOT NULL,
        amount numeric(18,2) NOT NULL,
        CONSTRAINT pk_claim_lines PRIMARY KEY (union_id, claim_id, line_no),
        CONSTRAINT fk_claim_lines_claim FOREIGN KEY (union_id, claim_id) REFERENCES claims (union_id, id),
        CONSTRAINT ck_claim_lines_amounts CHECK (quantity > 0 AND unit_price > 0 AND amount > 0)
      )`);
    await q.query(`
      CREATE TABLE claim_beneficiaries (
        union_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        line_no integer NOT NULL,
        member varchar(40) NOT NULL,
        name varchar(50) NOT NULL,
        share numeric(18,2) NOT NULL,
        CONSTRAINT pk_claim_beneficiaries PRIMARY KEY (union_id, claim_id, line_no),
        CONSTRAINT uq_claim_beneficiaries_member UNIQUE (union_id, claim_id, member),
        CONSTRAINT fk_claim_beneficiaries_claim FOREIGN KEY (union_id, claim_id) REFERENCES claims (union_id, id),
        CONSTRAINT ck_claim_beneficiaries_share CHECK (share > 0)
      )`);
    await q.query(`CREATE INDEX ix_claim_beneficiaries_member ON claim_beneficiaries (union_id, member)`);

    await q.query(`
      CREATE TABLE claim_events (
        union_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        seq integer NOT NULL,
        action varchar(16) NOT NULL,
        from_status varchar(10),
        to_status varchar(10) NOT NULL,
        actor_id uuid,
        actor_name varchar(100) NOT NULL,
        comment varchar(500),
        details jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_claim_events PRIMARY KEY (union_id, claim_id, seq),
        CONSTRAINT fk_claim_events_claim FOREIGN KEY (union_id, claim_id) REFERENCES claims (union_id, id)
      )`);

    await q.query(`
      CREATE TABLE claim_attachments (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        claim_id uuid NOT NULL,
        kind varchar(20) NOT NULL,
        file_name varchar(200) NOT NULL,
        media_type varchar(40) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        invoice_code varchar(20),
        invoice_number varchar(20),
        uploaded_by uuid,
        uploaded_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        content bytea NOT NULL,
        CONSTRAINT pk_claim_attachments PRIMARY KEY (union_id, id),
        CONSTRAINT fk_claim_attachments_claim FOREIGN KEY (union_id, claim_id) REFERENCES claims (union_id, id),
        CONSTRAINT ck_claim_attachments_size CHECK (size > 0 AND size <= 10485760 AND octet_length(content) = size),
        CONSTRAINT ck_claim_attachments_invoice CHECK (kind <> 'invoice' OR invoice_number IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_claim_attachments_claim ON claim_attachments (union_id, claim_id)`);
    // the same invoice or file backs one live claim at most: one row per invoice and per file hash
    await q.query(`
      CREATE TABLE document_registry (
        key varchar(120) NOT NULL,
        union_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        claim_number varchar(20) NOT NULL,
        attachment_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_document_registry PRIMARY KEY (key)
      )`);
    await q.query(`CREATE INDEX ix_document_registry_claim ON document_registry (union_id, claim_id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        union_id uuid NOT NULL,
        key varchar(100) NOT NULL,
        operation varchar(40) NOT NULL,
        request_hash char(64) NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (union_id, key)
      )`);

    await this.guards(q);
  }

  /** What the database refuses whatever the code does: history rewritten, claims deleted, settled claims changed. */
  private async guards(q: QueryRunner): Promise<void> {
    for (const table of ['claim_events', 'claim_rule_sets']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['claims', 'claim_events', 'claim_lines', 'claim_beneficiaries', 'claim_attachments', 'claim_rule_sets']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    await q.query(`
      CREATE FUNCTION ledger_claim_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'claims are never deleted; cancel instead';
        END IF;
        IF OLD.status IN ('paid', 'rejected', 'cancelled') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('claim %s is %s and can no longer change', OLD.number, OLD.status);
        END IF;
        IF NEW.number <> OLD.number OR NEW.union_id <> OLD.union_id THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a claim keeps its number';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER claims_guard BEFORE UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION ledger_claim_guard()`);
    // lines, beneficiaries and documents change only while the clerk holds the claim
    await q.query(`
      CREATE FUNCTION ledger_claim_detail_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        s varchar;
        r record;
      BEGIN
        r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        SELECT c.status INTO s FROM claims c WHERE c.union_id = r.union_id AND c.id = r.claim_id;
        IF s IS DISTINCT FROM 'draft' AND s IS DISTINCT FROM 'returned' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('%s of a %s claim cannot change', TG_TABLE_NAME, s);
        END IF;
        RETURN r;
      END $$`);
    for (const table of ['claim_lines', 'claim_beneficiaries', 'claim_attachments']) {
      await q.query(`CREATE TRIGGER ${table}_guard BEFORE INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_claim_detail_guard()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys, document_registry, claim_attachments, claim_events, claim_beneficiaries, claim_lines, claims,
                   claim_sequences, claim_rule_sets, center_claim_settings`);
    await q.query(`DROP FUNCTION ledger_claim_guard(), ledger_claim_detail_guard()`);
  }
}
