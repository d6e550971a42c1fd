import { MigrationInterface, QueryRunner } from 'typeorm';
import { ChainSpec, chainTable, unchainTable } from './chains';

/**
 * Books that landed after the books chain join it (issue 15: "receipts and batches as they land"): which
 * pooled account holds each union's share, receipts (and their cancellation) with their documents, dues
 * rolls with their members, each union's rows of an allocation batch, and the fixed-asset lines of a
 * claim. Rows already there are adopted. Numbered at the end of banking's range because it must run
 * after those tables exist.
 */
const TABLES: ChainSpec[] = [
  { table: 'bank_account_shares', union: 'union_id', key: ['account_code'] },
  { table: 'receipts', union: 'union_id', key: ['id'] },
  { table: 'receipt_attachments', union: 'union_id', key: ['id'], exclude: ['content'] },
  { table: 'dues_rolls', union: 'union_id', key: ['id'] },
  { table: 'dues_roll_members', union: 'union_id', key: ['roll_id', 'line_no'] },
  { table: 'allocation_rows', union: 'union_id', key: ['batch_id', 'row_no'] },
  { table: 'claim_fixed_assets', union: 'union_id', key: ['claim_id', 'line_no'] },
];

export class ChainLaterBooks1795359900000 implements MigrationInterface {
  name = 'ChainLaterBooks1795359900000';

  async up(q: QueryRunner): Promise<void> {
    for (const spec of TABLES) await chainTable(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of [...TABLES].reverse()) await unchainTable(q, table);
  }
}
