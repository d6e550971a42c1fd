import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges } from './roles';

/**
 * A center's choices about closing and budgets: whether income and expense close into 321/322 every month
 * or only at year end, and whether claim approval and review ignore, warn about or refuse spending beyond
 * the budget.
 */
export class CenterBooksSettings1795360100000 implements MigrationInterface {
  name = 'CenterBooksSettings1795360100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE center_books_settings (
        center_id uuid NOT NULL,
        closing_mode varchar(8) NOT NULL DEFAULT 'monthly',
        budget_control varchar(8) NOT NULL DEFAULT 'off',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_center_books_settings PRIMARY KEY (center_id),
        CONSTRAINT fk_center_books_settings_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_center_books_settings_closing CHECK (closing_mode IN ('monthly', 'yearly')),
        CONSTRAINT ck_center_books_settings_budget CHECK (budget_control IN ('off', 'warn', 'block'))
      )`);
    await allowServiceChanges(q, 'center_books_settings', { update: true });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE center_books_settings`);
  }
}
