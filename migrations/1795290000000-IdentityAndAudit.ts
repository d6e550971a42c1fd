import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, role grants and refresh tokens; the audit log and the chain of posted vouchers, both hash-chained
 * per union and append-only; who prepared and who posted each voucher, by user id (separation of duties
 * compares people, not names).
 *
 * Chains: every audit record stores SHA-256 over (previous hash || canonical content), where the canonical
 * content is the record's fields as jsonb text (PostgreSQL's normalized rendering). The head of each chain
 * (`chain_heads`) is one row per union and chain, locked while a record is appended, so records of one
 * union are numbered 1, 2, 3 … without gaps under any concurrency. Records of the service as a whole
 * (logins, users, grants, centers) form the chain of the nil union.
 */
export class IdentityAndAudit1795290000000 implements MigrationInterface {
  name = 'IdentityAndAudit1795290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL,
        username varchar(64) NOT NULL,
        display_name varchar(100) NOT NULL,
        password_hash varchar(255) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        must_change_password boolean NOT NULL DEFAULT false,
        token_version integer NOT NULL DEFAULT 0,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_status CHECK (status IN ('active', 'disabled')),
        CONSTRAINT ck_users_username CHECK (username ~ '^[a-z0-9._-]{3,64}$')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_username ON users (username)`);

    await q.query(`
      CREATE TABLE grants (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        role varchar(16) NOT NULL,
        center_id uuid,
        union_id uuid,
        granted_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_grants PRIMARY KEY (id),
        CONSTRAINT fk_grants_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT fk_grants_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT fk_grants_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_grants_role CHECK (role IN ('system_admin', 'director', 'accountant', 'cashier', 'chair', 'clerk', 'auditor')),
        CONSTRAINT ck_grants_scope CHECK (
          (role = 'system_admin' AND center_id IS NULL AND union_id IS NULL)
          OR (role IN ('director', 'accountant', 'cashier') AND center_id IS NOT NULL AND union_id IS NULL)
          OR (role IN ('chair', 'clerk') AND center_id IS NULL AND union_id IS NOT NULL)
          OR (role = 'auditor' AND (center_id IS NULL) <> (union_id IS NULL)))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_grants_scope ON grants (user_id, role,
        coalesce(center_id, '00000000-0000-0000-0000-000000000000'::uuid),
        coalesce(union_id, '00000000-0000-0000-0000-000000000000'::uuid))`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
        CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
        CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);

    for (const table of ['voucher_drafts', 'vouchers']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN preparer_id uuid`);
    }
    await q.query(`ALTER TABLE vouchers ADD COLUMN posted_by_id uuid`);
    // A draft is posted by one statement that deletes it only at the version that was validated.
    await q.query(`ALTER TABLE voucher_drafts ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE period_events ADD COLUMN actor_id uuid`);

    await q.query(`
      CREATE TABLE chain_heads (
        union_id uuid NOT NULL,
        chain varchar(16) NOT NULL,
        seq bigint NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_chain_heads PRIMARY KEY (union_id, chain),
        CONSTRAINT ck_chain_heads_chain CHECK (chain IN ('audit', 'vouchers'))
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        union_id uuid NOT NULL,
        seq bigint NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid,
        username varchar(64) NOT NULL,
        action varchar(32) NOT NULL,
        entity_type varchar(32) NOT NULL,
        entity_id varchar(64),
        before jsonb,
        after jsonb,
        request_id varchar(64),
        client_ip varchar(64),
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_audit_log PRIMARY KEY (union_id, seq)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (union_id, at)`);
    await q.query(`CREATE INDEX ix_audit_log_user ON audit_log (union_id, user_id, at)`);

    await q.query(`
      CREATE TABLE voucher_chain (
        union_id uuid NOT NULL,
        seq bigint NOT NULL,
        voucher_id uuid NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_voucher_chain PRIMARY KEY (union_id, seq),
        CONSTRAINT uq_voucher_chain_voucher UNIQUE (union_id, voucher_id)
      )`);

    await this.chainFunctions(q);
  }

  private async chainFunctions(q: QueryRunner): Promise<void> {
    // Appends to a chain: the head row's lock serializes appends of one union; returns (seq, prev hash).
    await q.query(`
      CREATE FUNCTION ledger_chain_advance(u uuid, c varchar, OUT seq bigint, OUT prev_hash char(64)) LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE chain_heads h SET seq = h.seq + 1 WHERE h.union_id = u AND h.chain = c
         RETURNING h.seq, h.hash INTO seq, prev_hash;
        IF NOT FOUND THEN
          INSERT INTO chain_heads (union_id, chain, seq, hash) VALUES (u, c, 1, repeat('0', 64))
            ON CONFLICT (union_id, chain) DO UPDATE SET seq = chain_heads.seq + 1
            RETURNING chain_heads.seq, chain_heads.hash INTO seq, prev_hash;
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION ledger_chain_hash(prev char(64), content text) RETURNS char(64)
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT encode(sha256(convert_to(prev || content, 'UTF8')), 'hex') $$`);

    // The canonical content of an audit record: its fields (all but the hashes) as jsonb text.
    await q.query(`
      CREATE FUNCTION ledger_audit_content(a audit_log) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'union', a.union_id, 'seq', a.seq, 'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'user', a.user_id, 'username', a.username, 'action', a.action, 'entityType', a.entity_type,
          'entityId', a.entity_id, 'before', a.before, 'after', a.after, 'requestId', a.request_id,
          'clientIp', a.client_ip)::text
      $$`);

    await q.query(`
      CREATE FUNCTION ledger_audit_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        h record;
      BEGIN
        SELECT * INTO h FROM ledger_chain_advance(NEW.union_id, 'audit');
        NEW.seq := h.seq;
        NEW.prev_hash := h.prev_hash;
        NEW.at := coalesce(NEW.at, now());
        NEW.hash := ledger_chain_hash(h.prev_hash, ledger_audit_content(NEW));
        UPDATE chain_heads SET hash = NEW.hash WHERE union_id = NEW.union_id AND chain = 'audit';
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION ledger_audit_append()`);

    // The canonical content of a posted voucher: header and every line, as jsonb text.
    await q.query(`
      CREATE FUNCTION ledger_voucher_content(u uuid, v uuid) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT jsonb_build_object(
          'union', x.union_id, 'id', x.id, 'date', x.voucher_date, 'type', x.voucher_type, 'number', x.number,
          'red', x.red, 'attachments', x.attachment_count, 'source', x.source, 'preparer', x.preparer_id,
          'postedBy', x.posted_by_id,
          'lines', (SELECT jsonb_agg(jsonb_build_object('no', l.line_no, 'summary', l.summary, 'account', l.account_code,
                                                        'debit', l.debit, 'credit', l.credit, 'project', l.project_code,
                                                        'fundType', l.fund_type) ORDER BY l.line_no)
                      FROM voucher_lines l WHERE l.union_id = x.union_id AND l.voucher_id = x.id))::text
          FROM vouchers x WHERE x.union_id = u AND x.id = v
      $$`);

    for (const table of ['audit_log', 'voucher_chain']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }

    // A posted voucher joins its union's chain at commit, when all its lines are in whatever statements
    // wrote them (so the hash covers them), right after vouchers_check passed it (trigger name order). The
    // union's posting lock, held by the posting transaction until its end, orders the appends of one union.
    await q.query(`
      CREATE FUNCTION ledger_voucher_chain_append(u uuid, v uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        h record;
        new_hash char(64);
      BEGIN
        SELECT * INTO h FROM ledger_chain_advance(u, 'vouchers');
        new_hash := ledger_chain_hash(h.prev_hash, ledger_voucher_content(u, v));
        INSERT INTO voucher_chain (union_id, seq, voucher_id, prev_hash, hash) VALUES (u, h.seq, v, h.prev_hash, new_hash);
        UPDATE chain_heads SET hash = new_hash WHERE union_id = u AND chain = 'vouchers';
      END $$`);
    await q.query(`
      CREATE FUNCTION ledger_voucher_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_voucher_chain_append(NEW.union_id, NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_zchain AFTER INSERT ON vouchers
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_chain()`);

    // Vouchers posted before this migration join their chains in the order they were posted.
    await q.query(`
      SELECT ledger_voucher_chain_append(union_id, id)
        FROM (SELECT union_id, id FROM vouchers ORDER BY union_id, posted_at, period, voucher_type, number) v`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER vouchers_zchain ON vouchers`);
    await q.query(`DROP TRIGGER audit_log_append ON audit_log`);
    for (const fn of [
      'ledger_voucher_chain()', 'ledger_voucher_chain_append(uuid, uuid)', 'ledger_voucher_content(uuid, uuid)', 'ledger_audit_append()', 'ledger_audit_content(audit_log)',
      'ledger_chain_hash(char, text)', 'ledger_chain_advance(uuid, varchar)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE voucher_chain, audit_log, chain_heads, refresh_tokens, grants, users`);
    await q.query(`ALTER TABLE period_events DROP COLUMN actor_id`);
    await q.query(`ALTER TABLE vouchers DROP COLUMN posted_by_id`);
    await q.query(`ALTER TABLE voucher_drafts DROP COLUMN version`);
    for (const table of ['voucher_drafts', 'vouchers']) await q.query(`ALTER TABLE ${table} DROP COLUMN preparer_id`);
  }
}
