import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

const STATUSES = `'draft', 'submitted', 'approved', 'rejected', 'reviewed', 'checked', 'returned', 'cancelled', 'paid', 'posted'`;
/** Why a claim reviewed under the one-step payment went back to approved. */
const MOVED_BACK = '付款流程调整为 审核制单 → 复核 → 付款 → 记账：请会计重新审核，以生成付款凭证';
const OLD_STATUSES = `'draft', 'submitted', 'approved', 'rejected', 'reviewed', 'returned', 'cancelled', 'paid'`;

/**
 * A claim's payment follows brief §6.2 with each person on record: the reviewing accountant prepares the
 * payment voucher (review → `reviewed`, the draft is `payment_voucher_id`), another person reviews it
 * (check → `checked`, 审核), the cashier pays (pay → `paid`, 出纳; the reservation stays open) and the voucher
 * is posted (post → `posted`, 记账; the reservation consumed in the same transaction). `posted` is the final
 * state; a paid claim can only be posted.
 *
 * Claims paid before this migration were posted in the same step: they become `posted`. Claims reviewed
 * before it have no payment voucher yet: they go back to `approved` (reservation kept), with a line in their
 * history, for the accountant to review again and so prepare the voucher.
 *
 * `claim_fixed_assets`: the lines of a capital purchase that enter 固定资产 (第三十二条 thresholds), decided
 * when the voucher is prepared; the fixed-asset register builds its cards from them when the claim posts.
 */
export class ClaimPaymentSteps1795342000000 implements MigrationInterface {
  name = 'ClaimPaymentSteps1795342000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims ADD COLUMN payment_voucher_id uuid, ADD COLUMN checked_by uuid`);
    await q.query(`ALTER TABLE claims DISABLE TRIGGER claims_guard`);
    await q.query(`ALTER TABLE claims DROP CONSTRAINT ck_claims_status, DROP CONSTRAINT ck_claims_paid, DROP CONSTRAINT ck_claims_reserved`);
    await q.query(`UPDATE claims SET status = 'posted', payment_voucher_id = voucher_id WHERE status = 'paid'`);
    await q.query(`
      WITH moved AS (
        UPDATE claims SET status = 'approved', reviewed_by = NULL, reviewed_by_name = NULL, version = version + 1, updated_at = now()
         WHERE status = 'reviewed' RETURNING union_id, id, number),
      events AS (
        INSERT INTO claim_events (union_id, claim_id, seq, action, from_status, to_status, actor_name, comment)
        SELECT m.union_id, m.id, (SELECT coalesce(max(e.seq), 0) + 1 FROM claim_events e WHERE e.union_id = m.union_id AND e.claim_id = m.id),
               'migrate', 'reviewed', 'approved', '系统', '${MOVED_BACK}'
          FROM moved m)
      INSERT INTO audit_log (union_id, seq, username, action, entity_type, entity_id, before, after, prev_hash, hash)
      SELECT m.union_id, 0, 'system', 'claim.migrate', 'claim', m.id::text, jsonb_build_object('status', 'reviewed'),
             jsonb_build_object('number', m.number, 'status', 'approved', 'comment', '${MOVED_BACK}'), '', ''
        FROM moved m ORDER BY m.union_id, m.id`);
    // the rows just changed queued the books chain's deferred record trigger (migration BooksChain): fire it now,
    // since PostgreSQL refuses to ALTER a table with pending trigger events (on a database that had claims)
    await q.query(`SET CONSTRAINTS ALL IMMEDIATE`);
    await q.query(`ALTER TABLE claims ENABLE TRIGGER claims_guard`);
    await q.query(`
      ALTER TABLE claims
        ADD CONSTRAINT ck_claims_status CHECK (status IN (${STATUSES})),
        ADD CONSTRAINT ck_claims_paid CHECK ((status IN ('paid', 'posted')) = (paid_at IS NOT NULL)),
        ADD CONSTRAINT ck_claims_posted CHECK ((status = 'posted') = (voucher_id IS NOT NULL) AND (voucher_id IS NULL OR voucher_id = payment_voucher_id)),
        ADD CONSTRAINT ck_claims_drafted CHECK (status NOT IN ('reviewed', 'checked', 'paid', 'posted') OR payment_voucher_id IS NOT NULL),
        ADD CONSTRAINT ck_claims_reserved CHECK (status NOT IN ('approved', 'reviewed', 'checked', 'paid', 'posted') OR reservation_id IS NOT NULL)`);

    // final states never change; once paid (the money has left) a claim can only be posted
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_claim_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'claims are never deleted; cancel instead';
        END IF;
        IF OLD.status IN ('posted', 'rejected', 'cancelled') OR (OLD.status = 'paid' AND NEW.status <> 'posted') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('claim %s is %s and can no longer change that way', OLD.number, OLD.status);
        END IF;
        IF NEW.number <> OLD.number OR NEW.union_id <> OLD.union_id THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a claim keeps its number';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION ledger_claim_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);

    await q.query(`
      CREATE TABLE claim_fixed_assets (
        union_id uuid NOT NULL,
        claim_id uuid NOT NULL,
        line_no smallint NOT NULL,
        category varchar(8) NOT NULL,
        amount numeric(18,2) NOT NULL,
        CONSTRAINT pk_claim_fixed_assets PRIMARY KEY (union_id, claim_id, line_no),
        CONSTRAINT fk_claim_fixed_assets_line FOREIGN KEY (union_id, claim_id, line_no) REFERENCES claim_lines (union_id, claim_id, line_no),
        CONSTRAINT ck_claim_fixed_assets_category CHECK (category IN ('building', 'general', 'special')),
        CONSTRAINT ck_claim_fixed_assets_amount CHECK (amount > 0)
      )`);
    await allowServiceChanges(q, 'claim_fixed_assets', { delete: true });
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceChanges(q, 'claim_fixed_assets');
    await q.query(`DROP TABLE claim_fixed_assets`);
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_claim_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'claims are never deleted; cancel instead';
        END IF;
        IF OLD.status IN ('paid', 'rejected', 'cancelled') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('claim %s is %s and can no longer change', OLD.number, OLD.status);
        END IF;
        IF NEW.number <> OLD.number OR NEW.union_id <> OLD.union_id THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a claim keeps its number';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION ledger_claim_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`ALTER TABLE claims DISABLE TRIGGER claims_guard`);
    await q.query(`ALTER TABLE claims DROP CONSTRAINT ck_claims_status, DROP CONSTRAINT ck_claims_paid, DROP CONSTRAINT ck_claims_posted,
                     DROP CONSTRAINT ck_claims_drafted, DROP CONSTRAINT ck_claims_reserved`);
    // the two-step payment folds back: what was posted is paid; what waited for 复核, payment or posting is approved again
    await q.query(`UPDATE claims SET status = 'paid' WHERE status = 'posted'`);
    await q.query(`UPDATE claims SET status = 'approved', reviewed_by = NULL, reviewed_by_name = NULL, paid_at = NULL, paid_by = NULL
                    WHERE status IN ('reviewed', 'checked', 'paid') AND voucher_id IS NULL`);
    await q.query(`ALTER TABLE claims ENABLE TRIGGER claims_guard`);
    await q.query(`
      ALTER TABLE claims
        ADD CONSTRAINT ck_claims_status CHECK (status IN (${OLD_STATUSES})),
        ADD CONSTRAINT ck_claims_paid CHECK ((status = 'paid') = (voucher_id IS NOT NULL AND paid_at IS NOT NULL)),
        ADD CONSTRAINT ck_claims_reserved CHECK (status NOT IN ('approved', 'reviewed', 'paid') OR reservation_id IS NOT NULL)`);
    await q.query(`ALTER TABLE claims DROP COLUMN payment_voucher_id, DROP COLUMN checked_by`);
  }
}
