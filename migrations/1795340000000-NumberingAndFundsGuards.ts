import { MigrationInterface, QueryRunner } from 'typeorm';
import { FUNCTION_SEARCH_PATH } from './roles';

/**
 * Two rules the database now closes against races:
 * - The voucher numbering scheme (通用 记 or typed 收/付/转) of a posted voucher always matches its union's:
 *   a statement trigger checks every new voucher once the row triggers hold the union's posting lock, which
 *   the scheme change takes too, so a change that races the first posting either lands first (and the
 *   posting is refused) or finds the posting and is refused itself.
 * - A refusal for lack of funds names the account that is short in its HINT (`101` 库存现金, `10201` the
 *   union's share of the pooled account), so the service can say which money is missing.
 */
export class NumberingAndFundsGuards1795340000000 implements MigrationInterface {
  name = 'NumberingAndFundsGuards1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(requireFunds({ hint: true }));

    // each statement reads the unions it posted to after its row triggers took their posting locks: under
    // READ COMMITTED this query sees a numbering change committed while the statement waited for the lock
    await q.query(`
      CREATE FUNCTION ledger_vouchers_numbering() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_vouchers n JOIN unions u ON u.id = n.union_id
                    WHERE (u.voucher_numbering = 'general') <> (n.voucher_type = 'general')) THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR01', MESSAGE = 'voucher type does not follow the union''s numbering scheme';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER vouchers_numbering AFTER INSERT ON vouchers REFERENCING NEW TABLE AS new_vouchers
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_vouchers_numbering()`);
    // as every function that reads tables (LeastPrivilege): our schema first, no temporary table in its place
    for (const fn of ['ledger_require_funds(uuid, varchar)', 'ledger_vouchers_numbering()']) {
      await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER vouchers_numbering ON vouchers`);
    await q.query(`DROP FUNCTION ledger_vouchers_numbering()`);
    await q.query(requireFunds({ hint: false }));
    await q.query(`ALTER FUNCTION ledger_require_funds(uuid, varchar) SET search_path = ${FUNCTION_SEARCH_PATH}`);
  }
}

/** The funds guard's check, with the short account in its HINT or (as FundsGuard defined it) without. */
function requireFunds(opts: { hint: boolean }): string {
  return `
    CREATE OR REPLACE FUNCTION ledger_require_funds(u uuid, acct varchar) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      available numeric;
    BEGIN
      SELECT f.balance - f.reserved INTO available FROM ledger_funds(u, acct) f;
      IF available < 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'UL009',
          MESSAGE = format('union %s: available funds on %s would be %s', u, acct, available),
          DETAIL = available::text${opts.hint ? ',\n          HINT = acct' : ''};
      END IF;
    END $$`;
}
