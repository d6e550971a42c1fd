import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Centers, unions and each union's books. Every per-union table leads its primary key with union_id and
 * every foreign key between per-union tables includes it, so the schema distributes by union_id unchanged
 * (docs/scaling.md). Drafts and the ledger are separate tables: drafts are freely edited; vouchers and
 * voucher_lines hold posted entries only and are append-only (see LedgerGuards).
 */
export class LedgerSchema1795275742106 implements MigrationInterface {
  name = 'LedgerSchema1795275742106';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_period_of(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT (extract(year FROM d) * 100 + extract(month FROM d))::integer $$`);

    await q.query(`
      CREATE TABLE centers (
        id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_centers PRIMARY KEY (id),
        CONSTRAINT uq_centers_code UNIQUE (code)
      )`);

    await q.query(`
      CREATE TABLE unions (
        id uuid NOT NULL,
        center_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        chart_template varchar(16) NOT NULL,
        first_period integer NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        voucher_numbering varchar(16) NOT NULL DEFAULT 'general',
        agreement_number varchar(64),
        agreement_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_unions PRIMARY KEY (id),
        CONSTRAINT uq_unions_center_code UNIQUE (center_id, code),
        CONSTRAINT fk_unions_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_unions_chart_template CHECK (chart_template IN ('grassroots', 'county')),
        CONSTRAINT ck_unions_status CHECK (status IN ('active', 'suspended', 'withdrawn')),
        CONSTRAINT ck_unions_voucher_numbering CHECK (voucher_numbering IN ('general', 'typed')),
        CONSTRAINT ck_unions_first_period CHECK (first_period BETWEEN 190001 AND 219912 AND first_period % 100 BETWEEN 1 AND 12)
      )`);

    await q.query(`
      CREATE TABLE accounts (
        union_id uuid NOT NULL,
        code varchar(9) NOT NULL,
        name varchar(100) NOT NULL,
        category varchar(16) NOT NULL,
        normal_side varchar(6) NOT NULL,
        parent_code varchar(9),
        level smallint NOT NULL,
        is_standard boolean NOT NULL,
        is_leaf boolean NOT NULL DEFAULT true,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_accounts PRIMARY KEY (union_id, code),
        CONSTRAINT fk_accounts_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_accounts_parent FOREIGN KEY (union_id, parent_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_accounts_code CHECK (code ~ '^[0-9]{3}([0-9]{2}){0,3}$' AND length(code) = 1 + 2 * level),
        CONSTRAINT ck_accounts_parent CHECK ((level = 1) = (parent_code IS NULL)),
        CONSTRAINT ck_accounts_category CHECK (category IN ('asset', 'liability', 'net_assets', 'income', 'expense')),
        CONSTRAINT ck_accounts_normal_side CHECK (normal_side IN ('debit', 'credit'))
      )`);

    await q.query(`
      CREATE TABLE projects (
        union_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_projects PRIMARY KEY (union_id, code),
        CONSTRAINT fk_projects_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);

    await q.query(`
      CREATE TABLE periods (
        union_id uuid NOT NULL,
        period integer NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'open',
        closed_at timestamptz,
        closed_by varchar(64),
        CONSTRAINT pk_periods PRIMARY KEY (union_id, period),
        CONSTRAINT fk_periods_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_periods_status CHECK (status IN ('open', 'closed')),
        CONSTRAINT ck_periods_period CHECK (period BETWEEN 190001 AND 219912 AND period % 100 BETWEEN 1 AND 12)
      )`);

    await q.query(`
      CREATE TABLE period_events (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        period integer NOT NULL,
        action varchar(8) NOT NULL,
        reason varchar(500),
        actor varchar(64) NOT NULL,
        tx_id bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_period_events PRIMARY KEY (union_id, id),
        CONSTRAINT fk_period_events_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_period_events_action CHECK (action IN ('close', 'reopen')),
        CONSTRAINT ck_period_events_reason CHECK (action <> 'reopen' OR length(btrim(reason)) > 0)
      )`);

    await q.query(`
      CREATE TABLE voucher_drafts (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        voucher_date date NOT NULL,
        period integer NOT NULL,
        voucher_type varchar(10) NOT NULL,
        red boolean NOT NULL DEFAULT false,
        attachment_count integer NOT NULL DEFAULT 0,
        source varchar(16) NOT NULL DEFAULT 'manual',
        preparer varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_voucher_drafts PRIMARY KEY (union_id, id),
        CONSTRAINT fk_voucher_drafts_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_voucher_drafts_period CHECK (period = ledger_period_of(voucher_date)),
        CONSTRAINT ck_voucher_drafts_type CHECK (voucher_type IN ('general', 'receipt', 'payment', 'transfer')),
        CONSTRAINT ck_voucher_drafts_attachments CHECK (attachment_count BETWEEN 0 AND 9999),
        CONSTRAINT ck_voucher_drafts_source CHECK (source IN ('manual', 'reversal', 'claim', 'closing', 'import'))
      )`);
    await q.query(`CREATE INDEX ix_voucher_drafts_period ON voucher_drafts (union_id, period)`);

    await q.query(`
      CREATE TABLE voucher_draft_lines (
        union_id uuid NOT NULL,
        draft_id uuid NOT NULL,
        line_no smallint NOT NULL,
        summary varchar(200) NOT NULL,
        account_code varchar(9) NOT NULL,
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        project_code varchar(32),
        fund_type varchar(12),
        CONSTRAINT pk_voucher_draft_lines PRIMARY KEY (union_id, draft_id, line_no),
        CONSTRAINT fk_voucher_draft_lines_draft FOREIGN KEY (union_id, draft_id) REFERENCES voucher_drafts (union_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_voucher_draft_lines_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_voucher_draft_lines_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT ck_voucher_draft_lines_one_side CHECK ((debit = 0) <> (credit = 0)),
        CONSTRAINT ck_voucher_draft_lines_line_no CHECK (line_no >= 1),
        CONSTRAINT ck_voucher_draft_lines_fund_type CHECK (fund_type IS NULL OR fund_type IN ('restricted', 'unrestricted'))
      )`);
    await q.query(`CREATE INDEX ix_voucher_draft_lines_account ON voucher_draft_lines (union_id, account_code)`);

    // Posted vouchers only. The period foreign key also guarantees the union exists.
    await q.query(`
      CREATE TABLE vouchers (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        voucher_date date NOT NULL,
        period integer NOT NULL,
        voucher_type varchar(10) NOT NULL,
        number integer NOT NULL,
        red boolean NOT NULL DEFAULT false,
        attachment_count integer NOT NULL DEFAULT 0,
        source varchar(16) NOT NULL DEFAULT 'manual',
        preparer varchar(64) NOT NULL,
        posted_by varchar(64) NOT NULL,
        prepared_at timestamptz NOT NULL DEFAULT now(),
        posted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_vouchers PRIMARY KEY (union_id, id),
        CONSTRAINT uq_vouchers_number UNIQUE (union_id, period, voucher_type, number),
        CONSTRAINT fk_vouchers_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_vouchers_period CHECK (period = ledger_period_of(voucher_date)),
        CONSTRAINT ck_vouchers_type CHECK (voucher_type IN ('general', 'receipt', 'payment', 'transfer')),
        CONSTRAINT ck_vouchers_number CHECK (number > 0),
        CONSTRAINT ck_vouchers_attachments CHECK (attachment_count BETWEEN 0 AND 9999),
        CONSTRAINT ck_vouchers_source CHECK (source IN ('manual', 'reversal', 'claim', 'closing', 'import'))
      )`);

    await q.query(`
      CREATE TABLE voucher_lines (
        union_id uuid NOT NULL,
        voucher_id uuid NOT NULL,
        line_no smallint NOT NULL,
        voucher_date date NOT NULL,
        summary varchar(200) NOT NULL,
        account_code varchar(9) NOT NULL,
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        project_code varchar(32),
        fund_type varchar(12),
        CONSTRAINT pk_voucher_lines PRIMARY KEY (union_id, voucher_id, line_no),
        CONSTRAINT fk_voucher_lines_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_voucher_lines_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT ck_voucher_lines_one_side CHECK ((debit = 0) <> (credit = 0)),
        CONSTRAINT ck_voucher_lines_line_no CHECK (line_no >= 1),
        CONSTRAINT ck_voucher_lines_fund_type CHECK (fund_type IS NULL OR fund_type IN ('restricted', 'unrestricted'))
      )`);
    await q.query(`CREATE INDEX ix_voucher_lines_account ON voucher_lines (union_id, account_code, voucher_date)`);
    // No foreign key to vouchers: the lines trigger (LedgerGuards) already probes the voucher of every new
    // line and demands more (inserted by the same transaction); vouchers are never deleted.

    await q.query(`
      CREATE TABLE voucher_sequences (
        union_id uuid NOT NULL,
        period integer NOT NULL,
        voucher_type varchar(10) NOT NULL,
        last_number integer NOT NULL,
        CONSTRAINT pk_voucher_sequences PRIMARY KEY (union_id, period, voucher_type),
        CONSTRAINT fk_voucher_sequences_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_voucher_sequences_last CHECK (last_number >= 1)
      )`);

    await q.query(`
      CREATE TABLE voucher_reversals (
        union_id uuid NOT NULL,
        original_id uuid NOT NULL,
        reversal_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_voucher_reversals PRIMARY KEY (union_id, original_id),
        CONSTRAINT uq_voucher_reversals_reversal UNIQUE (union_id, reversal_id),
        CONSTRAINT fk_voucher_reversals_original FOREIGN KEY (union_id, original_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT fk_voucher_reversals_reversal FOREIGN KEY (union_id, reversal_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_voucher_reversals_distinct CHECK (original_id <> reversal_id)
      )`);

    await q.query(`
      CREATE TABLE opening_balances (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        amount numeric(18,2) NOT NULL,
        CONSTRAINT pk_opening_balances PRIMARY KEY (union_id, account_code),
        CONSTRAINT fk_opening_balances_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_opening_balances_nonzero CHECK (amount <> 0)
      )`);

    await q.query(`
      CREATE TABLE account_balances (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        period integer NOT NULL,
        opening numeric(18,2) NOT NULL DEFAULT 0,
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        closing numeric(18,2) NOT NULL DEFAULT 0,
        CONSTRAINT pk_account_balances PRIMARY KEY (union_id, account_code, period),
        CONSTRAINT fk_account_balances_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_account_balances_closing CHECK (closing = opening + debit - credit)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'account_balances', 'opening_balances', 'voucher_reversals', 'voucher_sequences', 'voucher_lines', 'vouchers',
      'voucher_draft_lines', 'voucher_drafts', 'period_events', 'periods', 'projects', 'accounts', 'unions', 'centers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION ledger_period_of(date)`);
  }
}
