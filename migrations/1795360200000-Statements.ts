import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges } from './roles';

/**
 * 工会01表 / 工会02表: the three people who sign a union's statements (第六十四条), and the statements of
 * closed months as they were computed when the month closed — a cache that consolidation across a center's
 * thousands of unions reads instead of their books; dropped when the month reopens, written again when it
 * closes.
 */
export class Statements1795360200000 implements MigrationInterface {
  name = 'Statements1795360200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE union_statement_signers (
        union_id uuid NOT NULL,
        legal_representative varchar(50),
        accounting_head varchar(50),
        accounting_body_head varchar(50),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_union_statement_signers PRIMARY KEY (union_id),
        CONSTRAINT fk_union_statement_signers_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);
    await q.query(`
      CREATE TABLE statement_cache (
        union_id uuid NOT NULL,
        period integer NOT NULL,
        kind varchar(32) NOT NULL,
        lines jsonb NOT NULL,
        cached_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_statement_cache PRIMARY KEY (union_id, period, kind),
        CONSTRAINT fk_statement_cache_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_statement_cache_kind CHECK (kind IN ('balance-sheet', 'income-expenditure', 'balance-sheet:annual', 'income-expenditure:annual'))
      )`);
    await allowServiceChanges(q, 'union_statement_signers', { update: true });
    await allowServiceChanges(q, 'statement_cache', { update: true, delete: true });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statement_cache, union_statement_signers`);
  }
}
