import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH, revokeServiceChanges } from './roles';

/**
 * Who did what on a voucher, as a printed 记账凭证 shows it (会计基础工作规范 第五十一条): 制单 (preparer), 审核
 * (reviewer), 记账 (posted_by) and, on receipts and payments, 出纳 (cashier). The database refuses what the
 * rules forbid, whatever path writes:
 * - the cashier of a voucher is neither its reviewer nor its poster (brief §6.1);
 * - its preparer is not its reviewer (审核 ≠ 制单), unless the voucher is a reversal made by one person under
 *   the center's setting (`center_ledger_settings.one_person_reversal`), and then it says so (`one_person`);
 * - a posted reversal is linked to the voucher it reverses by commit (`voucher_reversals`, one per original),
 *   and a reversal is never itself reversed.
 * Reversals are prepared as drafts (`voucher_drafts.reversal_of`) that another person posts.
 */
export class VoucherPeopleAndReversalDrafts1795341000000 implements MigrationInterface {
  name = 'VoucherPeopleAndReversalDrafts1795341000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE center_ledger_settings (
        center_id uuid NOT NULL,
        one_person_reversal boolean NOT NULL DEFAULT false,
        general_equipment_threshold numeric(18,2) NOT NULL DEFAULT 1000,
        special_equipment_threshold numeric(18,2) NOT NULL DEFAULT 1500,
        chief_accountant varchar(50),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid,
        CONSTRAINT pk_center_ledger_settings PRIMARY KEY (center_id),
        CONSTRAINT fk_center_ledger_settings_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_center_ledger_settings_thresholds CHECK (general_equipment_threshold > 0 AND special_equipment_threshold > 0)
      )`);
    await allowServiceChanges(q, 'center_ledger_settings', { update: true });

    for (const table of ['voucher_drafts', 'vouchers']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN reviewer varchar(64), ADD COLUMN reviewer_id uuid,
                       ADD COLUMN cashier varchar(64), ADD COLUMN cashier_id uuid`);
    }
    await q.query(`ALTER TABLE vouchers ADD COLUMN one_person boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE voucher_drafts ADD COLUMN reversal_of uuid,
                     ADD CONSTRAINT fk_voucher_drafts_reversal_of FOREIGN KEY (union_id, reversal_of) REFERENCES vouchers (union_id, id)`);
    await q.query(`CREATE INDEX ix_voucher_drafts_reversal_of ON voucher_drafts (union_id, reversal_of) WHERE reversal_of IS NOT NULL`);

    await this.people(q);
    await this.reversals(q);
    for (const fn of ['ledger_voucher_people()', 'ledger_voucher_reversal_linked()', 'ledger_voucher_reversals_check()']) {
      await q.query(`ALTER FUNCTION ${fn} SET search_path = ${FUNCTION_SEARCH_PATH}`);
    }
  }

  /** The function runs only when the WHEN clause finds something to look at: ordinary postings never call it. */
  private async people(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_voucher_people() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.cashier_id = NEW.posted_by_id OR NEW.cashier_id = NEW.reviewer_id THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR03', MESSAGE = format('voucher %s: the cashier neither reviews nor posts it', NEW.id);
        END IF;
        IF NEW.one_person THEN
          IF NEW.source <> 'reversal' OR NEW.preparer_id IS DISTINCT FROM NEW.posted_by_id
             OR NEW.reviewer_id IS DISTINCT FROM NEW.posted_by_id
             OR NOT coalesce((SELECT s.one_person_reversal FROM unions u JOIN center_ledger_settings s ON s.center_id = u.center_id
                               WHERE u.id = NEW.union_id), false) THEN
            RAISE EXCEPTION USING ERRCODE = 'ULR03',
              MESSAGE = format('voucher %s: one person may prepare and post only a reversal, and only where the center allows it', NEW.id);
          END IF;
        ELSIF NEW.preparer_id = coalesce(NEW.reviewer_id, NEW.posted_by_id) THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR03', MESSAGE = format('voucher %s: its preparer may not review it', NEW.id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER vouchers_people BEFORE INSERT ON vouchers FOR EACH ROW
        WHEN (NEW.one_person OR NEW.cashier_id = NEW.posted_by_id OR NEW.cashier_id = NEW.reviewer_id
              OR NEW.preparer_id = coalesce(NEW.reviewer_id, NEW.posted_by_id))
        EXECUTE FUNCTION ledger_voucher_people()`);
  }

  private async reversals(q: QueryRunner): Promise<void> {
    // at commit, after vouchers_check and before vouchers_zchain (name order): a reversal stands linked
    await q.query(`
      CREATE FUNCTION ledger_voucher_reversal_linked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM voucher_reversals r WHERE r.union_id = NEW.union_id AND r.reversal_id = NEW.id) THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR02', MESSAGE = format('reversal %s is not linked to the voucher it reverses', NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_reversal_linked AFTER INSERT ON vouchers
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.source = 'reversal') EXECUTE FUNCTION ledger_voucher_reversal_linked()`);
    // a link joins a reversal to an original that is not itself a reversal (its primary key: one per original)
    await q.query(`
      CREATE FUNCTION ledger_voucher_reversals_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = NEW.union_id AND v.id = NEW.reversal_id AND v.source = 'reversal')
           OR EXISTS (SELECT 1 FROM vouchers v WHERE v.union_id = NEW.union_id AND v.id = NEW.original_id AND v.source = 'reversal') THEN
          RAISE EXCEPTION USING ERRCODE = 'ULR02', MESSAGE = format('voucher %s cannot reverse %s', NEW.reversal_id, NEW.original_id);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_reversals_check BEFORE INSERT ON voucher_reversals
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_reversals_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER voucher_reversals_check ON voucher_reversals`);
    await q.query(`DROP TRIGGER vouchers_reversal_linked ON vouchers`);
    await q.query(`DROP TRIGGER vouchers_people ON vouchers`);
    await q.query(`DROP FUNCTION ledger_voucher_reversals_check(), ledger_voucher_reversal_linked(), ledger_voucher_people()`);
    await q.query(`DROP INDEX ix_voucher_drafts_reversal_of`);
    await q.query(`ALTER TABLE voucher_drafts DROP CONSTRAINT fk_voucher_drafts_reversal_of, DROP COLUMN reversal_of`);
    await q.query(`ALTER TABLE vouchers DROP COLUMN one_person`);
    for (const table of ['voucher_drafts', 'vouchers']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN reviewer, DROP COLUMN reviewer_id, DROP COLUMN cashier, DROP COLUMN cashier_id`);
    }
    await revokeServiceChanges(q, 'center_ledger_settings');
    await q.query(`DROP TABLE center_ledger_settings`);
  }
}
