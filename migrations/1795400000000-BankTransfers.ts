import { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNCTION_SEARCH_PATH } from './roles';

const RULES_BEFORE = `'reference', 'amount_date', 'amount_window', 'one_to_many', 'many_to_one', 'manual'`;

/**
 * 内部划转: money moved between two shares of one pooled account makes no bank movement, so its two book lines
 * are matched with each other (rules `transfer` and `transfer_window`), never with a statement line. That
 * made the rule "a match's two sides add up" load-bearing, so the database now holds it for every match:
 * at least two lines, the statement lines' sum equals the book lines' sum (a match of book lines only sums
 * to zero), every statement line is the match's account's, and every book line is a posted line on a share
 * of that account (bank_match_items carries no foreign key to voucher_lines: see 1795350003000).
 */
export class BankTransfers1795400000000 implements MigrationInterface {
  name = 'BankTransfers1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bank_matches DROP CONSTRAINT ck_bank_matches_rule`);
    await q.query(`ALTER TABLE bank_matches ADD CONSTRAINT ck_bank_matches_rule CHECK (rule IN (${RULES_BEFORE}, 'transfer', 'transfer_window'))`);
    await q.query(`
      CREATE FUNCTION bank_match_items_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad record;
      BEGIN
        SELECT t.match_id INTO bad
          FROM (SELECT i.match_id, count(*) AS items,
                       coalesce(sum(sl.amount_in - sl.amount_out), 0) AS bank, count(i.statement_line_id) AS bank_items,
                       count(sl.id) FILTER (WHERE sl.bank_account_id = m.bank_account_id) AS bank_found,
                       coalesce(sum(vl.debit - vl.credit), 0) AS book, count(i.voucher_id) AS book_items,
                       count(s.union_id) AS book_found
                  FROM (SELECT DISTINCT center_id, match_id FROM new_items) n
                  JOIN bank_matches m ON m.center_id = n.center_id AND m.id = n.match_id
                  JOIN bank_match_items i ON i.center_id = n.center_id AND i.match_id = n.match_id
                  LEFT JOIN bank_statement_lines sl ON sl.center_id = i.center_id AND sl.id = i.statement_line_id
                  LEFT JOIN voucher_lines vl ON vl.union_id = i.union_id AND vl.voucher_id = i.voucher_id AND vl.line_no = i.line_no
                  LEFT JOIN bank_account_shares s ON s.union_id = vl.union_id AND s.account_code = vl.account_code
                                                 AND s.center_id = m.center_id AND s.bank_account_id = m.bank_account_id
                 GROUP BY i.match_id) t
         WHERE t.items < 2 OR t.bank <> t.book OR t.bank_found <> t.bank_items OR t.book_found <> t.book_items
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION USING ERRCODE = 'UL054', MESSAGE = format('bank match %s: fewer than two lines, sides that do not add up, or a line not of its account', bad.match_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER FUNCTION bank_match_items_balance() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`
      CREATE TRIGGER bank_match_items_balance AFTER INSERT ON bank_match_items
        REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION bank_match_items_balance()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER bank_match_items_balance ON bank_match_items`);
    await q.query(`DROP FUNCTION bank_match_items_balance()`);
    await q.query(`ALTER TABLE bank_matches DROP CONSTRAINT ck_bank_matches_rule`);
    await q.query(`ALTER TABLE bank_matches ADD CONSTRAINT ck_bank_matches_rule CHECK (rule IN (${RULES_BEFORE}))`);
  }
}
