import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger invariants, enforced by PostgreSQL whatever path writes:
 * - vouchers and voucher_lines are append-only: UPDATE, DELETE and TRUNCATE always fail; lines can only be
 *   added by the transaction that inserted their voucher;
 * - a posted voucher balances, has two or more lines of the sign its colour demands, and uses active leaf
 *   accounts (checked at commit);
 * - numbers come from a per-(union, period, type) counter advanced only by the insert trigger, gapless;
 * - balances are applied in the posting statement;
 * - no voucher or draft lands in a closed period, and a period changes status only while no voucher write of
 *   its union is in flight, reopening only with a recorded reason.
 *
 * Two advisory locks per union, always in this order: `periods` (shared by every voucher and draft write,
 * exclusive to close or reopen) and `posting` (exclusive: postings, opening balances, fund reservations).
 * They live in memory: no tuple is written to take them and no lock is shared across unions.
 */
export class LedgerGuards1795275742107 implements MigrationInterface {
  name = 'LedgerGuards1795275742107';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_periods_lock_key(u uuid) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT hashtextextended('periods:' || u::text, 0) $$`);
    await q.query(`
      CREATE FUNCTION ledger_posting_lock_key(u uuid) RETURNS bigint
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT hashtextextended('posting:' || u::text, 0) $$`);

    await q.query(`
      CREATE FUNCTION ledger_require_open_period(u uuid, p integer) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_status varchar;
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(ledger_periods_lock_key(u));
        SELECT status INTO v_status FROM periods WHERE union_id = u AND period = p;
        IF NOT FOUND THEN
          INSERT INTO periods (union_id, period) VALUES (u, p) ON CONFLICT DO NOTHING;
        ELSIF v_status <> 'open' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL001', MESSAGE = format('period %s of union %s is closed', p, u);
        END IF;
      END $$`);

    await q.query(`
      CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('%s on %s is not allowed', TG_OP, TG_TABLE_NAME);
      END $$`);
    for (const table of ['vouchers', 'voucher_lines', 'voucher_reversals', 'period_events']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['vouchers', 'voucher_lines', 'voucher_reversals', 'period_events', 'voucher_sequences', 'periods']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }

    await this.postingGuards(q);
    await this.periodGuards(q);
  }

  private async postingGuards(q: QueryRunner): Promise<void> {
    // Posting: serialized per union, into an open period, numbered from the counter.
    await q.query(`
      CREATE FUNCTION ledger_voucher_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_require_open_period(NEW.union_id, NEW.period);
        PERFORM pg_advisory_xact_lock(ledger_posting_lock_key(NEW.union_id));
        UPDATE voucher_sequences SET last_number = last_number + 1
         WHERE union_id = NEW.union_id AND period = NEW.period AND voucher_type = NEW.voucher_type
         RETURNING last_number INTO NEW.number;
        IF NOT FOUND THEN
          INSERT INTO voucher_sequences (union_id, period, voucher_type, last_number)
            VALUES (NEW.union_id, NEW.period, NEW.voucher_type, 1);
          NEW.number := 1;
        END IF;
        NEW.posted_at := now();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER vouchers_insert BEFORE INSERT ON vouchers
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_insert()`);

    // At commit, after every line is in: two or more lines, balanced, of the sign the voucher's colour
    // demands, on its date.
    await q.query(`
      CREATE FUNCTION ledger_voucher_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        SELECT count(*) AS n,
               coalesce(sum(l.debit), 0) AS dr,
               coalesce(sum(l.credit), 0) AS cr,
               count(*) FILTER (WHERE CASE WHEN NEW.red THEN l.debit + l.credit >= 0 ELSE l.debit + l.credit <= 0 END) AS wrong_sign,
               count(*) FILTER (WHERE l.voucher_date <> NEW.voucher_date) AS wrong_date
          INTO r
          FROM voucher_lines l
         WHERE l.union_id = NEW.union_id AND l.voucher_id = NEW.id;
        IF r.n < 2 OR r.dr <> r.cr THEN
          RAISE EXCEPTION USING ERRCODE = 'UL003',
            MESSAGE = format('posted voucher %s is unbalanced: %s lines, debit %s, credit %s', NEW.id, r.n, r.dr, r.cr);
        END IF;
        IF r.wrong_sign > 0 OR r.wrong_date > 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'UL003', MESSAGE = format('posted voucher %s has lines of the wrong sign or date', NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_check AFTER INSERT ON vouchers
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_check()`);

    // Lines join only a voucher of this very transaction (which holds that union's posting lock) and only
    // active leaf accounts; their activity goes into the balances in the same statement: added to the period
    // row (created from the previous row's closing) and carried into the opening and closing of any later
    // period. (Adding a child to an account locks the account row, which the lines' foreign key check
    // share-locks: the two never interleave.)
    await q.query(`
      CREATE FUNCTION ledger_voucher_lines_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        g record;
      BEGIN
        -- primary-key probes per line: transition tables have no statistics, a join could scan the table
        IF EXISTS (SELECT 1 FROM new_lines n
                    WHERE NOT coalesce((SELECT v.xmin = pg_current_xact_id()::xid FROM vouchers v
                                         WHERE v.union_id = n.union_id AND v.id = n.voucher_id), false)) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'lines can only be added by the transaction that posts their voucher';
        END IF;
        IF EXISTS (SELECT 1 FROM (SELECT DISTINCT n.union_id, n.account_code FROM new_lines n) x
                    WHERE NOT coalesce((SELECT a.is_leaf AND a.is_active FROM accounts a
                                         WHERE a.union_id = x.union_id AND a.code = x.account_code), false)) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL004', MESSAGE = 'lines may only use active leaf accounts';
        END IF;
        FOR g IN SELECT DISTINCT n.union_id, ledger_period_of(n.voucher_date) AS period FROM new_lines n ORDER BY 1, 2 LOOP
          WITH d AS (
                 SELECT n.account_code, sum(n.debit) AS debit, sum(n.credit) AS credit
                   FROM new_lines n
                  WHERE n.union_id = g.union_id AND ledger_period_of(n.voucher_date) = g.period
                  GROUP BY n.account_code),
               upd AS (
                 UPDATE account_balances b
                    SET debit = b.debit + CASE WHEN b.period = g.period THEN d.debit ELSE 0 END,
                        credit = b.credit + CASE WHEN b.period = g.period THEN d.credit ELSE 0 END,
                        opening = b.opening + CASE WHEN b.period > g.period THEN d.debit - d.credit ELSE 0 END,
                        closing = b.closing + d.debit - d.credit
                   FROM d
                  WHERE b.union_id = g.union_id AND b.account_code = d.account_code AND b.period >= g.period
                  RETURNING b.account_code, b.period)
          INSERT INTO account_balances (union_id, account_code, period, opening, debit, credit, closing)
          SELECT g.union_id, d.account_code, g.period, coalesce(prev.closing, 0), d.debit, d.credit,
                 coalesce(prev.closing, 0) + d.debit - d.credit
            FROM d
            LEFT JOIN LATERAL (
                 SELECT p.closing FROM account_balances p
                  WHERE p.union_id = g.union_id AND p.account_code = d.account_code AND p.period < g.period
                  ORDER BY p.period DESC LIMIT 1) prev ON true
           WHERE NOT EXISTS (SELECT 1 FROM upd WHERE upd.account_code = d.account_code AND upd.period = g.period);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_lines_insert AFTER INSERT ON voucher_lines REFERENCING NEW TABLE AS new_lines
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_voucher_lines_insert()`);

    // The counter only moves one step at a time, and only from inside the voucher trigger: a hand-made
    // UPDATE that skipped numbers would leave a gap.
    await q.query(`
      CREATE FUNCTION ledger_voucher_sequences_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2
           OR (TG_OP = 'INSERT' AND NEW.last_number <> 1)
           OR (TG_OP = 'UPDATE' AND (NEW.last_number <> OLD.last_number + 1
               OR (NEW.union_id, NEW.period, NEW.voucher_type) IS DISTINCT FROM (OLD.union_id, OLD.period, OLD.voucher_type))) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL007', MESSAGE = 'voucher numbers are assigned only by posting';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_sequences_guard BEFORE INSERT OR UPDATE OR DELETE ON voucher_sequences
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_sequences_guard()`);
  }

  private async periodGuards(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_voucher_draft_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ledger_require_open_period(NEW.union_id, NEW.period);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_drafts_write BEFORE INSERT OR UPDATE ON voucher_drafts
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_draft_write()`);

    // Closed periods stay closed: a period row is never deleted (a missing row would read as open), its
    // status changes only while no voucher write of the union is in flight, and it reopens only in a
    // transaction that recorded a reopen event with its reason.
    await q.query(`
      CREATE FUNCTION ledger_periods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = 'periods are never deleted';
        END IF;
        PERFORM pg_advisory_xact_lock(ledger_periods_lock_key(NEW.union_id));
        IF (NEW.union_id, NEW.period) IS DISTINCT FROM (OLD.union_id, OLD.period) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = 'a period cannot be renamed';
        END IF;
        IF OLD.status = 'closed' AND NEW.status = 'open' AND NOT EXISTS (
          SELECT 1 FROM period_events e
           WHERE e.union_id = NEW.union_id AND e.period = NEW.period AND e.action = 'reopen'
             AND e.tx_id = pg_current_xact_id()::text::bigint) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = format('period %s can only be reopened with a recorded reason', NEW.period);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER periods_guard BEFORE UPDATE OR DELETE ON periods
        FOR EACH ROW EXECUTE FUNCTION ledger_periods_guard()`);

    await q.query(`
      CREATE FUNCTION ledger_period_events_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER period_events_stamp BEFORE INSERT ON period_events
        FOR EACH ROW EXECUTE FUNCTION ledger_period_events_stamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const triggers: [string, string][] = [
      ['period_events_stamp', 'period_events'],
      ['periods_guard', 'periods'],
      ['voucher_drafts_write', 'voucher_drafts'],
      ['voucher_sequences_guard', 'voucher_sequences'],
      ['voucher_lines_insert', 'voucher_lines'],
      ['vouchers_check', 'vouchers'],
      ['vouchers_insert', 'vouchers'],
      ...['vouchers', 'voucher_lines', 'voucher_reversals', 'period_events'].map((t): [string, string] => [`${t}_append_only`, t]),
      ...['vouchers', 'voucher_lines', 'voucher_reversals', 'period_events', 'voucher_sequences', 'periods'].map(
        (t): [string, string] => [`${t}_no_truncate`, t],
      ),
    ];
    for (const [trigger, table] of triggers) await q.query(`DROP TRIGGER ${trigger} ON ${table}`);
    for (const fn of [
      'ledger_period_events_stamp()', 'ledger_periods_guard()', 'ledger_voucher_draft_write()', 'ledger_voucher_sequences_guard()',
      'ledger_voucher_lines_insert()', 'ledger_voucher_check()', 'ledger_voucher_insert()', 'ledger_reject_change()',
      'ledger_require_open_period(uuid, integer)', 'ledger_posting_lock_key(uuid)', 'ledger_periods_lock_key(uuid)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
  }
}
