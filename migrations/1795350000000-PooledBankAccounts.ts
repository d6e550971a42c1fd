import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

/** Every voucher source, with those of the other issues that extend the list (closing: correction, asset). */
const SOURCES = `'manual', 'reversal', 'claim', 'closing', 'import', 'receipt', 'allocation', 'withdrawal', 'correction', 'asset'`;

/** The functions below that read tables: they resolve names in our schema only (migrations/roles.ts). */
const FUNCTIONS = [
  'ledger_require_active_union(uuid, boolean)',
  'ledger_union_status_after_lock()',
  'ledger_union_status_posting_lock()',
  'ledger_union_status_row_lock()',
  'bank_share_guard()',
  'bank_share_account_guard()',
  'ledger_voucher_lines_funds()',
  'bank_default_share(uuid)',
  'bank_share_balance(uuid, varchar, date)',
];

/**
 * 统一开户 made explicit: a center's pooled bank accounts (`bank_accounts`), and each union's share of one
 * of them — a leaf under 102 in the union's books — linked by `bank_account_shares`, not by the literal
 * code '10201'. The funds guard follows the mapping; a share can never be given sub-accounts or
 * deactivated (money would move past the guard), and a mapping is never changed or removed (the pooled
 * account's journal is the union of its shares' lines, for all time).
 *
 * A withdrawn or suspended union is read-only in the database: postings, drafts, reservations, chart,
 * projects, opening balances and new claims of such a union are refused by triggers (UL050 / UL051). The
 * voucher, draft and reservation checks run after the union's advisory locks are held (the ones a status
 * change takes too), the others take a share lock on the union's row, so a write never slips in beside a
 * status change.
 *
 * Existing centers get one pooled account (details from their claim settings, still to be registered),
 * and every existing union's 10201 becomes its share of it.
 */
export class PooledBankAccounts1795350000000 implements MigrationInterface {
  name = 'PooledBankAccounts1795350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unions ADD CONSTRAINT uq_unions_id_center UNIQUE (id, center_id)`);
    await q.query(`
      CREATE TABLE bank_accounts (
        center_id uuid NOT NULL,
        id uuid NOT NULL,
        bank_name varchar(100),
        branch varchar(100),
        account_no varchar(40),
        account_name varchar(100),
        opened_on date,
        opening_balance numeric(18,2),
        status varchar(8) NOT NULL DEFAULT 'active',
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bank_accounts PRIMARY KEY (center_id, id),
        CONSTRAINT uq_bank_accounts_no UNIQUE (center_id, account_no),
        CONSTRAINT fk_bank_accounts_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_bank_accounts_status CHECK (status IN ('active', 'closed')),
        CONSTRAINT ck_bank_accounts_default CHECK (NOT is_default OR status = 'active'),
        CONSTRAINT ck_bank_accounts_opening CHECK ((opened_on IS NULL) = (opening_balance IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_bank_accounts_default ON bank_accounts (center_id) WHERE is_default`);

    // small and read-mostly like `unions` (a reference table on Citus), hence the index by bank account
    await q.query(`
      CREATE TABLE bank_account_shares (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        center_id uuid NOT NULL,
        bank_account_id uuid NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bank_account_shares PRIMARY KEY (union_id, account_code),
        CONSTRAINT fk_bank_account_shares_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_bank_account_shares_union FOREIGN KEY (union_id, center_id) REFERENCES unions (id, center_id),
        CONSTRAINT fk_bank_account_shares_bank_account FOREIGN KEY (center_id, bank_account_id) REFERENCES bank_accounts (center_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_bank_account_shares_default ON bank_account_shares (union_id) WHERE is_default`);
    await q.query(`CREATE INDEX ix_bank_account_shares_bank_account ON bank_account_shares (center_id, bank_account_id, union_id)`);

    // 退出集中核算: one row per withdrawn union, with where its money went (the payout's bank reference is
    // what the pooled account's statement shows)
    await q.query(`
      CREATE TABLE union_withdrawals (
        union_id uuid NOT NULL,
        withdrawn_on date NOT NULL,
        reason varchar(500) NOT NULL,
        own_bank_name varchar(100),
        own_account_name varchar(100),
        own_account_no varchar(40),
        bank_reference varchar(64),
        voucher_id uuid,
        amount numeric(18,2) NOT NULL,
        decided_by uuid,
        decided_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_union_withdrawals PRIMARY KEY (union_id),
        CONSTRAINT fk_union_withdrawals_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_union_withdrawals_voucher FOREIGN KEY (union_id, voucher_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_union_withdrawals_payout CHECK ((amount = 0) = (voucher_id IS NULL) AND amount >= 0)
      )`);
    await q.query(`CREATE TRIGGER union_withdrawals_append_only BEFORE UPDATE OR DELETE ON union_withdrawals FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    await q.query(`CREATE TRIGGER union_withdrawals_no_truncate BEFORE TRUNCATE ON union_withdrawals FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);

    await this.unionStatusGuards(q);
    await this.shareGuards(q);
    await this.existingBooks(q);

    await q.query(`ALTER TABLE vouchers DROP CONSTRAINT ck_vouchers_source`);
    await q.query(`ALTER TABLE vouchers ADD CONSTRAINT ck_vouchers_source CHECK (source IN (${SOURCES}))`);
    await q.query(`ALTER TABLE voucher_drafts DROP CONSTRAINT ck_voucher_drafts_source`);
    await q.query(`ALTER TABLE voucher_drafts ADD CONSTRAINT ck_voucher_drafts_source CHECK (source IN (${SOURCES}))`);

    // the director edits accounts and a union's default share moves; mappings and withdrawals never change
    await allowServiceChanges(q, 'bank_accounts', { update: true });
    await allowServiceChanges(q, 'bank_account_shares', { update: ['is_default'] });
    for (const fn of FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
  }

  /** Withdrawn (UL050) and suspended (UL051) unions take no writes to their books. */
  private async unionStatusGuards(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_require_active_union(u uuid, lock_row boolean) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        s varchar;
      BEGIN
        IF lock_row THEN
          SELECT status INTO s FROM unions WHERE id = u FOR SHARE;
        ELSE
          SELECT status INTO s FROM unions WHERE id = u;
        END IF;
        IF s = 'withdrawn' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL050', MESSAGE = format('union %s has withdrawn: its books are read-only', u);
        ELSIF s = 'suspended' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL051', MESSAGE = format('union %s is suspended: its books are read-only', u);
        END IF;
      END $$`);
    // after the union's locks are held (vouchers_insert, voucher_drafts_write, fund_reservations_guard run first)
    await q.query(`
      CREATE FUNCTION ledger_union_status_after_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_require_active_union(NEW.union_id, false);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER vouchers_zunion_status BEFORE INSERT ON vouchers FOR EACH ROW EXECUTE FUNCTION ledger_union_status_after_lock()`);
    await q.query(`CREATE TRIGGER voucher_drafts_zunion_status BEFORE INSERT OR UPDATE ON voucher_drafts FOR EACH ROW EXECUTE FUNCTION ledger_union_status_after_lock()`);
    await q.query(`
      CREATE TRIGGER fund_reservations_zunion_status BEFORE INSERT ON fund_reservations
        FOR EACH ROW EXECUTE FUNCTION ledger_union_status_after_lock()`);
    // opening balances are written under the posting lock (as the service does): taken here for plain SQL too
    await q.query(`
      CREATE FUNCTION ledger_union_status_posting_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        u uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.union_id ELSE NEW.union_id END;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(ledger_periods_lock_key(u));
        PERFORM pg_advisory_xact_lock(ledger_posting_lock_key(u));
        PERFORM ledger_require_active_union(u, false);
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`
      CREATE TRIGGER opening_balances_union_status BEFORE INSERT OR UPDATE OR DELETE ON opening_balances
        FOR EACH ROW EXECUTE FUNCTION ledger_union_status_posting_lock()`);
    // tables written without the union's advisory locks: a share lock on the union's row instead
    await q.query(`
      CREATE FUNCTION ledger_union_status_row_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_require_active_union(CASE WHEN TG_OP = 'DELETE' THEN OLD.union_id ELSE NEW.union_id END, true);
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const [table, events] of [
      ['accounts', 'INSERT OR UPDATE OR DELETE'],
      ['projects', 'INSERT OR UPDATE OR DELETE'],
      ['claims', 'INSERT'],
      ['bank_account_shares', 'INSERT'],
    ]) {
      await q.query(`CREATE TRIGGER ${table}_union_status BEFORE ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_union_status_row_lock()`);
    }
  }

  /** Shares are leaves under 102 that stay leaves, stay active and stay mapped; the funds guard follows them. */
  private async shareGuards(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION bank_share_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        a record;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL053', MESSAGE = 'a share of a pooled bank account is never unmapped';
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF (NEW.union_id, NEW.account_code, NEW.center_id, NEW.bank_account_id) IS DISTINCT FROM
             (OLD.union_id, OLD.account_code, OLD.center_id, OLD.bank_account_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'UL053', MESSAGE = 'a share keeps its account and its pooled bank account';
          END IF;
          RETURN NEW;
        END IF;
        -- the account row locked first: a sub-account being added under it waits, or is seen
        SELECT * INTO a FROM accounts WHERE union_id = NEW.union_id AND code = NEW.account_code FOR UPDATE;
        IF NOT FOUND OR a.code NOT LIKE '102%' OR a.code = '102' OR NOT a.is_leaf OR NOT a.is_active THEN
          RAISE EXCEPTION USING ERRCODE = 'UL053', MESSAGE = format('account %s is not an active leaf under 102', NEW.account_code);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM bank_accounts b WHERE b.center_id = NEW.center_id AND b.id = NEW.bank_account_id AND b.status = 'active') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL053', MESSAGE = 'a share can only be opened on an active pooled bank account';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER bank_account_shares_guard BEFORE INSERT OR UPDATE OR DELETE ON bank_account_shares FOR EACH ROW EXECUTE FUNCTION bank_share_guard()`);
    await q.query(`CREATE TRIGGER bank_account_shares_no_truncate BEFORE TRUNCATE ON bank_account_shares FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);

    await q.query(`
      CREATE FUNCTION bank_share_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.parent_code IS NOT NULL THEN
          PERFORM 1 FROM accounts WHERE union_id = NEW.union_id AND code = NEW.parent_code FOR UPDATE;
          IF EXISTS (SELECT 1 FROM bank_account_shares s WHERE s.union_id = NEW.union_id AND s.account_code = NEW.parent_code) THEN
            RAISE EXCEPTION USING ERRCODE = 'UL052', MESSAGE = format('account %s is a share of a pooled bank account: no sub-accounts', NEW.parent_code);
          END IF;
        ELSIF TG_OP = 'UPDATE' AND (NOT NEW.is_active OR NOT NEW.is_leaf OR NEW.code <> OLD.code OR NEW.union_id <> OLD.union_id)
              AND EXISTS (SELECT 1 FROM bank_account_shares s WHERE s.union_id = OLD.union_id AND s.account_code = OLD.code) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL052', MESSAGE = format('account %s is a share of a pooled bank account: it stays an active leaf', OLD.code);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER accounts_share_guard BEFORE INSERT OR UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION bank_share_account_guard()`);

    // The funds guard, now on every share by the mapping (it was the literal '10201').
    await q.query(fundsGuard(`EXISTS (SELECT 1 FROM bank_account_shares s WHERE s.union_id = n.union_id AND s.account_code = n.account_code)`));

    // the share a union pays from and is paid into unless told otherwise
    await q.query(`
      CREATE FUNCTION bank_default_share(u uuid) RETURNS varchar LANGUAGE sql STABLE AS $$
        SELECT account_code FROM bank_account_shares WHERE union_id = u AND is_default
      $$`);
    // A leaf's balance at the end of a date, from the maintained balances: the closing of the month before
    // (or the 期初余额 the first row carries), plus the lines of the month up to that date.
    await q.query(`
      CREATE FUNCTION bank_share_balance(u uuid, acct varchar, d date) RETURNS numeric LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN un.first_period > ledger_period_of(d) THEN 0::numeric ELSE
                 coalesce((SELECT b.closing FROM account_balances b
                            WHERE b.union_id = u AND b.account_code = acct AND b.period < ledger_period_of(d)
                            ORDER BY b.period DESC LIMIT 1),
                          (SELECT b.opening FROM account_balances b
                            WHERE b.union_id = u AND b.account_code = acct AND b.period >= ledger_period_of(d)
                            ORDER BY b.period LIMIT 1), 0)
                 + coalesce((SELECT sum(l.debit - l.credit) FROM voucher_lines l
                              WHERE l.union_id = u AND l.account_code = acct
                                AND l.voucher_date BETWEEN date_trunc('month', d)::date AND d), 0) END
          FROM unions un WHERE un.id = u
      $$`);
  }

  private async existingBooks(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO bank_accounts (center_id, id, bank_name, account_no, account_name, is_default)
      SELECT c.id, gen_random_uuid(), s.pooled_bank_name, s.pooled_account_no, s.pooled_account_name, true
        FROM centers c LEFT JOIN center_claim_settings s ON s.center_id = c.id`);
    // 10201 where it is a leaf, else its leaves (sub-accounts could be added before this migration)
    await q.query(`
      INSERT INTO bank_account_shares (union_id, account_code, center_id, bank_account_id, is_default)
      SELECT a.union_id, a.code, u.center_id, b.id,
             a.code = min(a.code) OVER (PARTITION BY a.union_id)
        FROM accounts a
        JOIN unions u ON u.id = a.union_id
        JOIN bank_accounts b ON b.center_id = u.center_id AND b.is_default
       WHERE a.code LIKE '10201%' AND a.is_leaf AND a.is_active AND u.status <> 'withdrawn'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceChanges(q, 'bank_accounts');
    await revokeServiceChanges(q, 'bank_account_shares');
    for (const table of ['vouchers', 'voucher_drafts']) {
      const ck = table === 'vouchers' ? 'ck_vouchers_source' : 'ck_voucher_drafts_source';
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${ck}`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${ck} CHECK (source IN ('manual', 'reversal', 'claim', 'closing', 'import'))`);
    }
    await q.query(fundsGuard(`n.account_code = '10201'`));
    await q.query(`ALTER FUNCTION ledger_voucher_lines_funds() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`DROP TRIGGER accounts_share_guard ON accounts`);
    for (const table of ['accounts', 'projects', 'opening_balances', 'claims']) await q.query(`DROP TRIGGER ${table}_union_status ON ${table}`);
    await q.query(`DROP TRIGGER vouchers_zunion_status ON vouchers`);
    await q.query(`DROP TRIGGER voucher_drafts_zunion_status ON voucher_drafts`);
    await q.query(`DROP TRIGGER fund_reservations_zunion_status ON fund_reservations`);
    await q.query(`DROP TABLE union_withdrawals, bank_account_shares, bank_accounts`);
    await q.query(`DROP FUNCTION bank_share_balance(uuid, varchar, date), bank_default_share(uuid), bank_share_account_guard(), bank_share_guard(),
                   ledger_union_status_row_lock(), ledger_union_status_posting_lock(), ledger_union_status_after_lock(), ledger_require_active_union(uuid, boolean)`);
    await q.query(`ALTER TABLE unions DROP CONSTRAINT uq_unions_id_center`);
  }
}

/** The funds guard's statement trigger function: which new lines are on a guarded account is the predicate. */
function fundsGuard(guarded: string): string {
  return `
    CREATE OR REPLACE FUNCTION ledger_voucher_lines_funds() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      g record;
    BEGIN
      FOR g IN SELECT DISTINCT n.union_id, n.account_code FROM new_lines n WHERE (n.credit > 0 OR n.debit < 0) AND ${guarded} LOOP
        PERFORM ledger_require_funds(g.union_id, g.account_code);
      END LOOP;
      RETURN NULL;
    END $$`;
}
