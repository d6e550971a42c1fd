import { MigrationInterface, QueryRunner } from 'typeorm';
import { ChainSpec, chainTable, unchainTable } from './chains';

/**
 * Closing's books join the books chain (issue 18 with issue 15's chain): the fiscal years and their close /
 * reopen events, the frozen statements of a closed year, the fixed-asset register with its monthly
 * depreciation, and the budgets with their lines. Rows already there are adopted. Closing vouchers are
 * vouchers (chained already); statement_cache, fixed_asset_sequences (derived or counters) and the
 * center-level settings are not books. The signers of a union's statements are settings, audited.
 */
const TABLES: ChainSpec[] = [
  { table: 'fiscal_years', union: 'union_id', key: ['year'] },
  { table: 'year_events', union: 'union_id', key: ['id'] },
  { table: 'statement_freezes', union: 'union_id', key: ['year', 'version', 'period', 'kind'] },
  { table: 'fixed_assets', union: 'union_id', key: ['id'] },
  { table: 'fixed_asset_depreciation', union: 'union_id', key: ['asset_id', 'period'] },
  { table: 'budgets', union: 'union_id', key: ['id'] },
  { table: 'budget_lines', union: 'union_id', key: ['budget_id', 'line_no'] },
];

export class ChainClosingBooks1795405000000 implements MigrationInterface {
  name = 'ChainClosingBooks1795405000000';

  async up(q: QueryRunner): Promise<void> {
    for (const spec of TABLES) await chainTable(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of [...TABLES].reverse()) await unchainTable(q, table);
  }
}
