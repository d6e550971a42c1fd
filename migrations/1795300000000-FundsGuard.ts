import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invariant 2: one union's money never pays another union's bill. A union's share of the pooled bank
 * account is its funding account (10201 集中核算户); its available funds are the posted balance of that
 * account minus its open reservations (approved claims not yet paid), and they never go below zero.
 *
 * Both ways of spending are checked in the database, under the union's posting lock (so concurrent
 * approvals and postings of one union are serialized and each check sees what the others committed):
 * - a reservation opened (`fund_reservations`), by its row trigger;
 * - a posting that touches the funding account (a payment, a bank fee, a red-ink receipt), by a statement
 *   trigger on its lines, after the balances are applied.
 * The check reads the funding account's latest balance row, which the posting trigger keeps current.
 */
export class FundsGuard1795300000000 implements MigrationInterface {
  name = 'FundsGuard1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_reservations (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        source_type varchar(16) NOT NULL,
        source_id uuid NOT NULL,
        account_code varchar(9) NOT NULL DEFAULT '10201',
        amount numeric(18,2) NOT NULL,
        status varchar(9) NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT pk_fund_reservations PRIMARY KEY (union_id, id),
        CONSTRAINT uq_fund_reservations_source UNIQUE (union_id, source_type, source_id),
        CONSTRAINT fk_fund_reservations_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_fund_reservations_amount CHECK (amount > 0),
        CONSTRAINT ck_fund_reservations_status CHECK (status IN ('open', 'released', 'consumed')),
        CONSTRAINT ck_fund_reservations_closed CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_fund_reservations_open ON fund_reservations (union_id, account_code) WHERE status = 'open'`);

    // the one definition of the figures, read by the guard below and by the funds endpoint
    await q.query(`
      CREATE FUNCTION ledger_funds(u uuid, acct varchar, OUT balance numeric, OUT reserved numeric) LANGUAGE sql STABLE AS $$
        SELECT coalesce((SELECT b.closing FROM account_balances b
                          WHERE b.union_id = u AND b.account_code = acct ORDER BY b.period DESC LIMIT 1), 0),
               coalesce((SELECT sum(r.amount) FROM fund_reservations r
                          WHERE r.union_id = u AND r.account_code = acct AND r.status = 'open'), 0)
      $$`);
    await q.query(`
      CREATE FUNCTION ledger_require_funds(u uuid, acct varchar) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        available numeric;
      BEGIN
        SELECT f.balance - f.reserved INTO available FROM ledger_funds(u, acct) f;
        IF available < 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'UL009',
            MESSAGE = format('union %s: available funds on %s would be %s', u, acct, available),
            DETAIL = available::text;
        END IF;
      END $$`);

    // Opening, and the only changes a reservation may go through: open → released or consumed, once.
    await q.query(`
      CREATE FUNCTION ledger_fund_reservation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'fund reservations are never deleted';
        END IF;
        IF TG_OP = 'UPDATE' AND (OLD.status <> 'open' OR NEW.status = 'open' OR NEW.amount <> OLD.amount
            OR NEW.account_code <> OLD.account_code OR NEW.source_id <> OLD.source_id) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a fund reservation can only be released or consumed, once';
        END IF;
        IF TG_OP = 'INSERT' AND NEW.status = 'open' THEN
          PERFORM pg_advisory_xact_lock(ledger_posting_lock_key(NEW.union_id));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER fund_reservations_guard BEFORE INSERT OR UPDATE OR DELETE ON fund_reservations
        FOR EACH ROW EXECUTE FUNCTION ledger_fund_reservation_guard()`);
    // after the row is in, under the lock taken before it: the sum includes it and every committed one
    await q.query(`
      CREATE FUNCTION ledger_fund_reservation_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_require_funds(NEW.union_id, NEW.account_code);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER fund_reservations_check AFTER INSERT ON fund_reservations
        FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION ledger_fund_reservation_check()`);

    // Postings on a funding account: runs after voucher_lines_insert (name order) has applied the balances;
    // the voucher trigger of the same statement already holds each union's posting lock.
    await q.query(`
      CREATE FUNCTION ledger_voucher_lines_funds() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        g record;
      BEGIN
        FOR g IN SELECT DISTINCT n.union_id, n.account_code FROM new_lines n
                  WHERE n.account_code = '10201' AND (n.credit > 0 OR n.debit < 0) LOOP
          PERFORM ledger_require_funds(g.union_id, g.account_code);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_lines_zfunds AFTER INSERT ON voucher_lines REFERENCING NEW TABLE AS new_lines
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_voucher_lines_funds()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER voucher_lines_zfunds ON voucher_lines`);
    await q.query(`DROP TABLE fund_reservations`);
    await q.query(`DROP FUNCTION ledger_voucher_lines_funds(), ledger_fund_reservation_check(), ledger_fund_reservation_guard(),
                   ledger_require_funds(uuid, varchar), ledger_funds(uuid, varchar)`);
  }
}
