import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH } from './roles';

/**
 * 预算: a union's annual budget per income and expense account (level 1 or 2, with a project where the money
 * is restricted), in versions — the original and each adjustment (预算调整). A draft is edited freely; an
 * approved version (who, when, the committee's and the 经审会's dates) never changes, and is superseded, not
 * replaced, when an adjustment is approved. One approved version per union and year at a time.
 */
export class Budgets1795360500000 implements MigrationInterface {
  name = 'Budgets1795360500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        year integer NOT NULL,
        version integer NOT NULL,
        kind varchar(10) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'draft',
        reason varchar(500),
        created_by uuid,
        created_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid,
        approved_by_name varchar(100),
        approved_at timestamptz,
        committee_date date,
        review_committee_date date,
        superseded_at timestamptz,
        CONSTRAINT pk_budgets PRIMARY KEY (union_id, id),
        CONSTRAINT uq_budgets_version UNIQUE (union_id, year, version),
        CONSTRAINT fk_budgets_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_budgets_kind CHECK (kind IN ('original', 'adjustment') AND (kind = 'original' OR length(btrim(reason)) > 0)),
        CONSTRAINT ck_budgets_status CHECK (status IN ('draft', 'approved', 'superseded', 'discarded')),
        CONSTRAINT ck_budgets_approved CHECK ((status IN ('approved', 'superseded')) = (approved_at IS NOT NULL AND committee_date IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_budgets_approved ON budgets (union_id, year) WHERE status = 'approved'`);
    await q.query(`CREATE UNIQUE INDEX uq_budgets_draft ON budgets (union_id, year) WHERE status = 'draft'`);
    await q.query(`
      CREATE TABLE budget_lines (
        union_id uuid NOT NULL,
        budget_id uuid NOT NULL,
        line_no smallint NOT NULL,
        account_code varchar(9) NOT NULL,
        project_code varchar(32),
        amount numeric(18,2) NOT NULL,
        CONSTRAINT pk_budget_lines PRIMARY KEY (union_id, budget_id, line_no),
        CONSTRAINT fk_budget_lines_budget FOREIGN KEY (union_id, budget_id) REFERENCES budgets (union_id, id),
        CONSTRAINT fk_budget_lines_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_budget_lines_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT ck_budget_lines_amount CHECK (amount >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_budget_lines_account ON budget_lines (union_id, budget_id, account_code, coalesce(project_code, ''))`);
    await allowServiceChanges(q, 'budgets', { update: true });
    await allowServiceChanges(q, 'budget_lines', { delete: true });

    // an approved version is never edited: its header keeps its content, its lines are fixed
    await q.query(`
      CREATE FUNCTION ledger_budget_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'budgets are never deleted';
        END IF;
        IF OLD.status IN ('superseded', 'discarded')
           OR (OLD.status = 'approved' AND (NEW.status <> 'superseded'
               OR (NEW.year, NEW.version, NEW.kind, NEW.reason, NEW.approved_by, NEW.approved_at, NEW.committee_date, NEW.review_committee_date)
                  IS DISTINCT FROM (OLD.year, OLD.version, OLD.kind, OLD.reason, OLD.approved_by, OLD.approved_at, OLD.committee_date, OLD.review_committee_date))) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('budget %s version %s is %s and cannot change', OLD.year, OLD.version, OLD.status);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER budgets_guard BEFORE UPDATE OR DELETE ON budgets FOR EACH ROW EXECUTE FUNCTION ledger_budget_guard()`);
    await q.query(`
      CREATE FUNCTION ledger_budget_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        s varchar;
      BEGIN
        SELECT b.status INTO s FROM budgets b WHERE b.union_id = r.union_id AND b.id = r.budget_id;
        IF s IS DISTINCT FROM 'draft' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('lines of a %s budget cannot change', s);
        END IF;
        RETURN r;
      END $$`);
    await q.query(`CREATE TRIGGER budget_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON budget_lines FOR EACH ROW EXECUTE FUNCTION ledger_budget_lines_guard()`);
    for (const fn of ['ledger_budget_guard()', 'ledger_budget_lines_guard()']) await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
    for (const table of ['budgets', 'budget_lines']) {
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_lines, budgets`);
    await q.query(`DROP FUNCTION ledger_budget_guard(), ledger_budget_lines_guard()`);
  }
}
