import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-union isolation of the group commits (docs/architecture.md, "Group commit and isolation"): a batch of
 * drafts or postings of many unions first tries each union's advisory locks without waiting, and writes only
 * for the unions it got; the others are handed back to the service, which runs them in that union's own lane
 * (where they wait for the lock, bounded). One locked union therefore no longer holds up a batch, nor every
 * union behind it. The same call bounds how long the rest of the statement may wait for a row lock.
 *
 * ledger_batch_locks(unions, posting, try_ms, wait_ms):
 * - try_ms set (a shared batch): lock_timeout = try_ms for the statement; for each union, in order, the
 *   periods lock (shared) and, for postings, the posting lock, both tried; returns the unions locked;
 * - else wait_ms set (a lane): lock_timeout = wait_ms; returns every union (the triggers wait for the locks);
 * - neither (inside a caller's transaction): changes nothing, returns every union.
 * Trying can never deadlock; the triggers then take the same locks again, which this transaction holds.
 * No `SET search_path` on this function (it reads no table; what it calls is schema-qualified): a SET
 * clause would undo its lock_timeout when it returns.
 */
export class BatchLocks1795348000000 implements MigrationInterface {
  name = 'BatchLocks1795348000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_batch_locks(unions uuid[], posting boolean, try_ms integer, wait_ms integer) RETURNS uuid[]
        LANGUAGE plpgsql AS $$
      DECLARE
        u uuid;
        free uuid[] := '{}';
      BEGIN
        IF try_ms IS NULL THEN
          IF wait_ms IS NOT NULL THEN
            PERFORM set_config('lock_timeout', wait_ms || 'ms', true);
          END IF;
          RETURN unions;
        END IF;
        PERFORM set_config('lock_timeout', try_ms || 'ms', true);
        FOR u IN SELECT DISTINCT x FROM unnest(unions) x ORDER BY 1 LOOP
          IF pg_catalog.pg_try_advisory_xact_lock_shared(public.ledger_periods_lock_key(u))
             AND (NOT posting OR pg_catalog.pg_try_advisory_xact_lock(public.ledger_posting_lock_key(u))) THEN
            free := free || u;
          END IF;
        END LOOP;
        RETURN free;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ledger_batch_locks(uuid[], boolean, integer, integer)`);
  }
}
