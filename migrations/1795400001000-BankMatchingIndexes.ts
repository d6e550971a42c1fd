import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic matching reads, per pooled account, the lines in no live match and never in a rejected proposal,
 * and each book line's bank reference from the document that made its voucher. Indexes for those reads:
 * - claims by (union, voucher): the reference of a claim payment's voucher (was a scan of the union's claims);
 * - the dead match items (undone or rejected, few) by statement line and by book line, so the anti-join
 *   against rejected proposals probes an index instead of reading the account's whole match history.
 * ix_bank_match_items_match goes: the primary key (center_id, match_id, item_no) serves the same lookups,
 * and each of the 40,000 items of a big statement's matching paid for both.
 */
export class BankMatchingIndexes1795400001000 implements MigrationInterface {
  name = 'BankMatchingIndexes1795400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_claims_voucher ON claims (union_id, voucher_id) WHERE voucher_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_bank_match_items_dead_statement ON bank_match_items (center_id, statement_line_id) WHERE NOT live AND statement_line_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_bank_match_items_dead_book ON bank_match_items (union_id, voucher_id, line_no) WHERE NOT live AND voucher_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_bank_match_items_match`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_bank_match_items_match ON bank_match_items (center_id, match_id)`);
    await q.query(`DROP INDEX ix_bank_match_items_dead_book, ix_bank_match_items_dead_statement, ix_claims_voucher`);
  }
}
