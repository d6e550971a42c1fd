import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges } from './roles';

/**
 * The year as a unit of the books: a year closes once its months are closed (its December with the
 * year-end closing), and its statements are then frozen — stored with their SHA-256, which the year's audit
 * record carries too, so the audit chain vouches for them. Reopening a year (director, with a reason) is an
 * event as well; frozen statements are never changed, a new close freezes a new version.
 */
export class FiscalYears1795360300000 implements MigrationInterface {
  name = 'FiscalYears1795360300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fiscal_years (
        union_id uuid NOT NULL,
        year integer NOT NULL,
        status varchar(8) NOT NULL,
        closed_at timestamptz,
        closed_by varchar(64),
        CONSTRAINT pk_fiscal_years PRIMARY KEY (union_id, year),
        CONSTRAINT fk_fiscal_years_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_fiscal_years_status CHECK (status IN ('open', 'closed')),
        CONSTRAINT ck_fiscal_years_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await allowServiceChanges(q, 'fiscal_years', { update: ['status', 'closed_at', 'closed_by'] });
    await q.query(`
      CREATE TABLE year_events (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        year integer NOT NULL,
        action varchar(8) NOT NULL,
        reason varchar(500),
        actor varchar(64) NOT NULL,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_year_events PRIMARY KEY (union_id, id),
        CONSTRAINT fk_year_events_year FOREIGN KEY (union_id, year) REFERENCES fiscal_years (union_id, year),
        CONSTRAINT ck_year_events_action CHECK (action IN ('close', 'reopen')),
        CONSTRAINT ck_year_events_reason CHECK (action <> 'reopen' OR length(btrim(reason)) > 0)
      )`);
    await q.query(`
      CREATE TABLE statement_freezes (
        union_id uuid NOT NULL,
        year integer NOT NULL,
        version integer NOT NULL,
        period integer NOT NULL,
        kind varchar(32) NOT NULL,
        lines jsonb NOT NULL,
        signers jsonb NOT NULL,
        entity varchar(200) NOT NULL,
        sha256 char(64) NOT NULL,
        frozen_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_statement_freezes PRIMARY KEY (union_id, year, version, period, kind),
        CONSTRAINT fk_statement_freezes_year FOREIGN KEY (union_id, year) REFERENCES fiscal_years (union_id, year),
        CONSTRAINT ck_statement_freezes_period CHECK (period / 100 = year)
      )`);
    for (const table of ['year_events', 'statement_freezes']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statement_freezes, year_events, fiscal_years`);
  }
}
