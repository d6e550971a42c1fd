import { MigrationInterface, QueryRunner } from 'typeorm';
import { chainTable, unchainTable } from './chains';
import { FUNCTION_SEARCH_PATH, runAsOwner, SERVICE_ROLE } from './roles';

// with banking's receipt, allocation and withdrawal (its migration runs before this one and already lists
// 'correction' and 'asset' too): down leaves banking's list in place
const SOURCES = `'manual', 'reversal', 'claim', 'closing', 'import', 'receipt', 'allocation', 'withdrawal', 'correction', 'asset'`;
const SOURCES_BEFORE = SOURCES;
const CLOSING_REVERSALS = (v: string) => `(${v}.source = 'reversal' OR (${v}.red AND ${v}.source IN ('closing', 'correction')))`;
const RULES_REVERSALS = (v: string) => `${v}.source = 'reversal'`;

/**
 * What closing the books stands on:
 * - two more voucher sources: 'correction' (以前年度调整, the only vouchers besides closing that may post to
 *   32101/32201 年初余额调整) and 'asset' (depreciation and disposal of fixed assets);
 * - the accounts closing owns, guarded whatever path writes: lines on 32103/32203 本年收支结转 and 32104
 *   累计结转 / 32204 结转转入 come only from closing vouchers, on 32101/32201 only from closing or
 *   correction vouchers (UL060);
 * - two derived tables kept in the posting statement, for closing, statements, budgets and fast ledgers:
 *   `account_period_totals` (per leaf, period, project and fund type: debit and credit, the part of them
 *   posted by closing vouchers, and the number of lines) and `account_voucher_counts` (per account at every
 *   level and period: how many vouchers touch it). The integrity check recomputes both from the lines;
 * - opening balances per project (a 321 sub-account's carried-forward funds belong to projects).
 */
export class ClosingFoundations1795360000000 implements MigrationInterface {
  name = 'ClosingFoundations1795360000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['vouchers', 'voucher_drafts']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ck_${table}_source`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ck_${table}_source CHECK (source IN (${SOURCES}))`);
    }

    await q.query(`
      CREATE FUNCTION ledger_closing_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- only lines on the guarded accounts look up their voucher's source
        IF EXISTS (
             SELECT 1 FROM new_lines n
              WHERE left(n.account_code, 5) IN ('32101', '32103', '32104', '32201', '32203', '32204')
                AND NOT coalesce((SELECT CASE WHEN left(n.account_code, 5) IN ('32101', '32201') THEN v.source IN ('closing', 'correction')
                                              ELSE v.source = 'closing' END
                                    FROM vouchers v WHERE v.union_id = n.union_id AND v.id = n.voucher_id), false)) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL060',
            MESSAGE = 'accounts 32103/32203/32104/32204 take only closing vouchers, 32101/32201 only closing or prior-year corrections';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER FUNCTION ledger_closing_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`
      CREATE TRIGGER voucher_lines_zclosing AFTER INSERT ON voucher_lines REFERENCING NEW TABLE AS new_lines
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_closing_guard()`);

    await this.totals(q);
    await this.openingProjects(q);
    await this.reversalKinds(q, CLOSING_REVERSALS);
  }

  /**
   * Rules' guards (1795341000000) know one kind of reversal, a typed one. Closing makes two more, both red and
   * linked in voucher_reversals: a reopened month's closing voucher reversed by closing ('closing'), and a
   * reversal dated in a later year, which is a prior-year correction ('correction'); either may be made by one
   * person where the center allows one-person reversal.
   */
  private async reversalKinds(q: QueryRunner, isReversal: (v: string) => string): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_voucher_people() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.cashier_id = NEW.posted_by_id OR NEW.cashier_id = NEW.reviewer_id THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR03', MESSAGE = format('voucher %s: the cashier neither reviews nor posts it', NEW.id);
        END IF;
        IF NEW.one_person THEN
          IF NOT (${isReversal('NEW')}) OR NEW.preparer_id IS DISTINCT FROM NEW.posted_by_id
             OR NEW.reviewer_id IS DISTINCT FROM NEW.posted_by_id
             OR NOT coalesce((SELECT s.one_person_reversal FROM unions u JOIN center_ledger_settings s ON s.center_id = u.center_id
                               WHERE u.id = NEW.union_id), false) THEN
            RAISE EXCEPTION USING ERRCODE = 'ULR03',
              MESSAGE = format('voucher %s: one person may prepare and post only a reversal, and only where the center allows it', NEW.id);
          END IF;
        ELSIF NEW.preparer_id = coalesce(NEW.reviewer_id, NEW.posted_by_id) THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR03', MESSAGE = format('voucher %s: its preparer may not review it', NEW.id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_voucher_reversals_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = NEW.union_id AND v.id = NEW.reversal_id AND ${isReversal('v')})
           OR EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = NEW.union_id AND v.id = NEW.original_id AND v.source = 'reversal')
           OR EXISTS (SELECT 1 FROM voucher_reversals r WHERE r.union_id = NEW.union_id AND r.reversal_id = NEW.original_id) THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR02', MESSAGE = format('voucher %s cannot reverse %s', NEW.reversal_id, NEW.original_id);
        END IF;
        RETURN NEW;
      END $$`);
    for (const fn of ['ledger_voucher_people()', 'ledger_voucher_reversals_check()']) await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
  }

  private async totals(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_period_totals (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        period integer NOT NULL,
        project_code varchar(32) NOT NULL DEFAULT '',
        fund_type varchar(12) NOT NULL DEFAULT '',
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        closing_debit numeric(18,2) NOT NULL DEFAULT 0,
        closing_credit numeric(18,2) NOT NULL DEFAULT 0,
        lines integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_account_period_totals PRIMARY KEY (union_id, account_code, period, project_code, fund_type),
        CONSTRAINT fk_account_period_totals_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code)
      )`);
    await q.query(`
      CREATE TABLE account_voucher_counts (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        period integer NOT NULL,
        vouchers integer NOT NULL,
        CONSTRAINT pk_account_voucher_counts PRIMARY KEY (union_id, account_code, period),
        CONSTRAINT fk_account_voucher_counts_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code)
      )`);

    // One probe per voucher for its source (transition tables have no statistics: never join them to vouchers).
    await q.query(`
      CREATE FUNCTION ledger_voucher_lines_totals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        WITH vs AS (
               SELECT x.union_id, x.voucher_id,
                      coalesce((SELECT v.source = 'closing' FROM vouchers v WHERE v.union_id = x.union_id AND v.id = x.voucher_id), false) AS closing
                 FROM (SELECT DISTINCT n.union_id, n.voucher_id FROM new_lines n) x),
             l AS (
               SELECT n.union_id, n.account_code, ledger_period_of(n.voucher_date) AS period, coalesce(n.project_code, '') AS project_code,
                      coalesce(n.fund_type, '') AS fund_type, n.debit, n.credit, vs.closing
                 FROM new_lines n JOIN vs ON vs.union_id = n.union_id AND vs.voucher_id = n.voucher_id)
        INSERT INTO account_period_totals AS t (union_id, account_code, period, project_code, fund_type, debit, credit, closing_debit, closing_credit, lines)
        SELECT union_id, account_code, period, project_code, fund_type, sum(debit), sum(credit),
               coalesce(sum(debit) FILTER (WHERE closing), 0), coalesce(sum(credit) FILTER (WHERE closing), 0), count(*)
          FROM l GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (union_id, account_code, period, project_code, fund_type) DO UPDATE
           SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit,
               closing_debit = t.closing_debit + excluded.closing_debit, closing_credit = t.closing_credit + excluded.closing_credit,
               lines = t.lines + excluded.lines;

        INSERT INTO account_voucher_counts AS c (union_id, account_code, period, vouchers)
        SELECT union_id, code, period, count(*)
          FROM (SELECT DISTINCT n.union_id, n.voucher_id, ledger_period_of(n.voucher_date) AS period, left(n.account_code, k.len) AS code
                  FROM new_lines n CROSS JOIN (VALUES (3), (5), (7), (9)) AS k(len)
                 WHERE length(n.account_code) >= k.len) x
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (union_id, account_code, period) DO UPDATE SET vouchers = c.vouchers + excluded.vouchers;
        RETURN NULL;
      END $$`);
    // derived from the lines: written by the posting trigger (as the owner), read by the service
    await runAsOwner(q, 'ledger_voucher_lines_totals()');
    for (const table of ['account_period_totals', 'account_voucher_counts']) await q.query(`REVOKE INSERT ON ${table} FROM ${SERVICE_ROLE}`);
    await q.query(`
      CREATE TRIGGER voucher_lines_totals AFTER INSERT ON voucher_lines REFERENCING NEW TABLE AS new_lines
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_voucher_lines_totals()`);

    // the books posted before this migration
    await q.query(`
      INSERT INTO account_period_totals (union_id, account_code, period, project_code, fund_type, debit, credit, closing_debit, closing_credit, lines)
      SELECT l.union_id, l.account_code, ledger_period_of(l.voucher_date), coalesce(l.project_code, ''), coalesce(l.fund_type, ''),
             sum(l.debit), sum(l.credit), coalesce(sum(l.debit) FILTER (WHERE v.source = 'closing'), 0),
             coalesce(sum(l.credit) FILTER (WHERE v.source = 'closing'), 0), count(*)
        FROM voucher_lines l JOIN vouchers v ON v.union_id = l.union_id AND v.id = l.voucher_id
       GROUP BY 1, 2, 3, 4, 5`);
    await q.query(`
      INSERT INTO account_voucher_counts (union_id, account_code, period, vouchers)
      SELECT union_id, code, period, count(*)
        FROM (SELECT DISTINCT l.union_id, l.voucher_id, ledger_period_of(l.voucher_date) AS period, left(l.account_code, k.len) AS code
                FROM voucher_lines l CROSS JOIN (VALUES (3), (5), (7), (9)) AS k(len)
               WHERE length(l.account_code) >= k.len) x
       GROUP BY 1, 2, 3`);
  }

  /** A line number as key, so that one account may carry one opening per project. */
  private async openingProjects(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opening_balances ADD COLUMN line_no smallint`);
    await q.query(`ALTER TABLE opening_balances ADD COLUMN project_code varchar(32)`);
    // numbering the rows changes no amount: neither the lock on posted books nor the balance rows apply
    await q.query(`ALTER TABLE opening_balances DISABLE TRIGGER opening_balances_guard, DISABLE TRIGGER opening_balances_apply`);
    await q.query(`
      UPDATE opening_balances o SET line_no = x.n
        FROM (SELECT union_id, account_code, row_number() OVER (PARTITION BY union_id ORDER BY account_code) AS n FROM opening_balances) x
       WHERE x.union_id = o.union_id AND x.account_code = o.account_code`);
    await q.query(`ALTER TABLE opening_balances ENABLE TRIGGER opening_balances_guard, ENABLE TRIGGER opening_balances_apply`);
    await q.query(`ALTER TABLE opening_balances ALTER COLUMN line_no SET NOT NULL`);
    await q.query(`ALTER TABLE opening_balances DROP CONSTRAINT pk_opening_balances`);
    await q.query(`ALTER TABLE opening_balances ADD CONSTRAINT pk_opening_balances PRIMARY KEY (union_id, line_no)`);
    await q.query(`
      ALTER TABLE opening_balances ADD CONSTRAINT fk_opening_balances_project
        FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code)`);
    await q.query(`CREATE UNIQUE INDEX uq_opening_balances_account ON opening_balances (union_id, account_code, coalesce(project_code, ''))`);
    // the books chain keys opening balances by their new key (integrity's CHAINED_TABLES says the same)
    await unchainTable(q, 'opening_balances');
    await chainTable(q, { table: 'opening_balances', union: 'union_id', key: ['line_no'] });
  }

  async down(q: QueryRunner): Promise<void> {
    await this.reversalKinds(q, RULES_REVERSALS);
    await unchainTable(q, 'opening_balances');
    await q.query(`DROP INDEX uq_opening_balances_account`);
    await q.query(`DELETE FROM opening_balances WHERE project_code IS NOT NULL`);
    await q.query(`ALTER TABLE opening_balances DROP CONSTRAINT fk_opening_balances_project`);
    await q.query(`ALTER TABLE opening_balances DROP CONSTRAINT pk_opening_balances`);
    await q.query(`ALTER TABLE opening_balances ADD CONSTRAINT pk_opening_balances PRIMARY KEY (union_id, account_code)`);
    await q.query(`ALTER TABLE opening_balances DROP COLUMN project_code`);
    await q.query(`ALTER TABLE opening_balances DROP COLUMN line_no`);
    await chainTable(q, { table: 'opening_balances', union: 'union_id', key: ['account_code'] });

    await q.query(`DROP TRIGGER voucher_lines_totals ON voucher_lines`);
    await q.query(`DROP FUNCTION ledger_voucher_lines_totals()`);
    await q.query(`DROP TABLE account_voucher_counts, account_period_totals`);
    await q.query(`DROP TRIGGER voucher_lines_zclosing ON voucher_lines`);
    await q.query(`DROP FUNCTION ledger_closing_guard()`);
    for (const table of ['vouchers', 'voucher_drafts']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ck_${table}_source`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ck_${table}_source CHECK (source IN (${SOURCES_BEFORE}))`);
    }
  }
}
