/**
 * Every table whose rows join the books chain, as its migration declared it (`chainTable` in
 * migrations/chains.ts; vouchers by their own trigger). Verification reads the latest record of each row
 * and compares it with the row as it is. A module that chains a new table adds it here too; the schema
 * test fails while the two disagree.
 */
export interface ChainedTable {
  table: string;
  /** The column holding the union id. */
  union: string;
  /** The columns after the union that identify a row (joined with '/' into the record's key). */
  key: string[];
  /** Columns left out of records. */
  exclude?: string[];
  /** The row's record as SQL over alias `t`, when it is not `to_jsonb(t)` less the excluded columns. */
  snapshot?: string;
  /** A large column kept out of records whose SHA-256 (hex) another column holds: checked too. */
  contentHash?: { content: string; hash: string };
}

/** A posted voucher's record: the voucher row (every column) and its lines (as migration BooksChain). */
const VOUCHER_SNAPSHOT = `to_jsonb(t) || jsonb_build_object('lines', coalesce((
    SELECT jsonb_agg(to_jsonb(l) - '{union_id,voucher_id}'::text[] ORDER BY l.line_no)
      FROM voucher_lines l WHERE l.union_id = t.union_id AND l.voucher_id = t.id), '[]'::jsonb))`;

export const CHAINED_TABLES: ChainedTable[] = [
  { table: 'unions', union: 'id', key: ['id'] },
  { table: 'accounts', union: 'union_id', key: ['code'] },
  { table: 'projects', union: 'union_id', key: ['code'] },
  { table: 'opening_balances', union: 'union_id', key: ['line_no'] },
  { table: 'periods', union: 'union_id', key: ['period'] },
  { table: 'period_events', union: 'union_id', key: ['id'] },
  { table: 'vouchers', union: 'union_id', key: ['id'], snapshot: VOUCHER_SNAPSHOT },
  { table: 'voucher_reversals', union: 'union_id', key: ['original_id'] },
  { table: 'fund_reservations', union: 'union_id', key: ['id'] },
  { table: 'claims', union: 'union_id', key: ['id'] },
  { table: 'claim_lines', union: 'union_id', key: ['claim_id', 'line_no'] },
  { table: 'claim_beneficiaries', union: 'union_id', key: ['claim_id', 'line_no'] },
  { table: 'claim_attachments', union: 'union_id', key: ['id'], exclude: ['content'], contentHash: { content: 'content', hash: 'sha256' } },
  { table: 'claim_events', union: 'union_id', key: ['claim_id', 'seq'] },
  // migration ChainLaterBooks: books that landed after the chain
  { table: 'bank_account_shares', union: 'union_id', key: ['account_code'] },
  { table: 'receipts', union: 'union_id', key: ['id'] },
  { table: 'receipt_attachments', union: 'union_id', key: ['id'], exclude: ['content'], contentHash: { content: 'content', hash: 'sha256' } },
  { table: 'dues_rolls', union: 'union_id', key: ['id'] },
  { table: 'dues_roll_members', union: 'union_id', key: ['roll_id', 'line_no'] },
  { table: 'allocation_rows', union: 'union_id', key: ['batch_id', 'row_no'] },
  { table: 'claim_fixed_assets', union: 'union_id', key: ['claim_id', 'line_no'] },
  // migration ArchivePackages: the archive register (issue 14)
  { table: 'archive_packages', union: 'union_id', key: ['id'] },
  // migration ChainClosingBooks: closing's books
  { table: 'fiscal_years', union: 'union_id', key: ['year'] },
  { table: 'year_events', union: 'union_id', key: ['id'] },
  { table: 'statement_freezes', union: 'union_id', key: ['year', 'version', 'period', 'kind'] },
  { table: 'fixed_assets', union: 'union_id', key: ['id'] },
  { table: 'fixed_asset_depreciation', union: 'union_id', key: ['asset_id', 'period'] },
  { table: 'budgets', union: 'union_id', key: ['id'] },
  { table: 'budget_lines', union: 'union_id', key: ['budget_id', 'line_no'] },
];

/** The SQL of a row's key and record, as the chain's trigger computed them. */
export function liveRowSql(t: ChainedTable): { key: string; row: string } {
  const key = `(concat_ws('/', ${t.key.map((c) => `t.${c}::text`).join(', ')}) COLLATE "C")`;
  const exclude = t.exclude?.length ? ` - '{${t.exclude.join(',')}}'::text[]` : '';
  return { key, row: `(${t.snapshot ?? `to_jsonb(t)${exclude}`})` };
}
