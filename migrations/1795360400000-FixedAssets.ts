import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, FUNCTION_SEARCH_PATH } from './roles';

/**
 * 固定资产卡片 (第三十二至三十七条): the register of a union's fixed assets — created when a capital purchase is
 * paid, or entered for assets held when the books began — their monthly depreciation (one row per asset and
 * month, append-only, with the voucher that posted it) and their disposal. A voucher whose asset card
 * stands cannot be reversed: the card is cancelled first (before any depreciation), or the asset disposed
 * of (UL061).
 */
export class FixedAssets1795360400000 implements MigrationInterface {
  name = 'FixedAssets1795360400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fixed_asset_sequences (
        union_id uuid NOT NULL,
        last integer NOT NULL,
        CONSTRAINT pk_fixed_asset_sequences PRIMARY KEY (union_id),
        CONSTRAINT fk_fixed_asset_sequences_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);
    await allowServiceChanges(q, 'fixed_asset_sequences', { update: ['last'] });
    await q.query(`
      CREATE TABLE fixed_assets (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        number varchar(20) NOT NULL,
        name varchar(100) NOT NULL,
        category varchar(8) NOT NULL,
        cost numeric(18,2) NOT NULL,
        acquisition_date date NOT NULL,
        useful_life_months integer NOT NULL,
        method varchar(16) NOT NULL DEFAULT 'straight_line',
        status varchar(10) NOT NULL DEFAULT 'active',
        origin varchar(8) NOT NULL,
        asset_account varchar(9) NOT NULL,
        fund_account varchar(9) NOT NULL,
        depreciation_account varchar(9) NOT NULL,
        opening_depreciation numeric(18,2) NOT NULL DEFAULT 0,
        voucher_id uuid,
        claim_id uuid,
        disposal_kind varchar(10),
        disposal_date date,
        disposal_proceeds numeric(18,2),
        disposal_reason varchar(200),
        disposal_voucher_id uuid,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_fixed_assets PRIMARY KEY (union_id, id),
        CONSTRAINT uq_fixed_assets_number UNIQUE (union_id, number),
        CONSTRAINT fk_fixed_assets_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_fixed_assets_asset_account FOREIGN KEY (union_id, asset_account) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_fixed_assets_fund_account FOREIGN KEY (union_id, fund_account) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_fixed_assets_depreciation_account FOREIGN KEY (union_id, depreciation_account) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_fixed_assets_voucher FOREIGN KEY (union_id, voucher_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT fk_fixed_assets_claim FOREIGN KEY (union_id, claim_id) REFERENCES claims (union_id, id),
        CONSTRAINT fk_fixed_assets_disposal_voucher FOREIGN KEY (union_id, disposal_voucher_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_fixed_assets_category CHECK (category IN ('general', 'special')),
        CONSTRAINT ck_fixed_assets_cost CHECK (cost > 0 AND opening_depreciation >= 0 AND opening_depreciation <= cost),
        CONSTRAINT ck_fixed_assets_life CHECK (useful_life_months BETWEEN 1 AND 1200),
        CONSTRAINT ck_fixed_assets_method CHECK (method = 'straight_line'),
        CONSTRAINT ck_fixed_assets_status CHECK (status IN ('active', 'disposed', 'cancelled')),
        CONSTRAINT ck_fixed_assets_origin CHECK (origin IN ('purchase', 'opening')
          AND (origin = 'opening' OR (voucher_id IS NOT NULL AND opening_depreciation = 0))),
        CONSTRAINT ck_fixed_assets_disposal CHECK ((status = 'disposed') = (disposal_date IS NOT NULL)
          AND (disposal_kind IS NULL OR disposal_kind IN ('scrap', 'sale', 'donation')))
      )`);
    await q.query(`CREATE INDEX ix_fixed_assets_voucher ON fixed_assets (union_id, voucher_id) WHERE voucher_id IS NOT NULL`);
    await allowServiceChanges(q, 'fixed_assets', { update: true });
    await q.query(`CREATE TRIGGER fixed_assets_no_truncate BEFORE TRUNCATE ON fixed_assets FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    await q.query(`
      CREATE FUNCTION ledger_fixed_asset_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'fixed asset cards are never deleted; cancel or dispose';
        END IF;
        IF OLD.status <> 'active' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('fixed asset %s is %s and can no longer change', OLD.number, OLD.status);
        END IF;
        IF (NEW.union_id, NEW.number, NEW.cost, NEW.acquisition_date, NEW.origin, NEW.voucher_id, NEW.opening_depreciation)
           IS DISTINCT FROM (OLD.union_id, OLD.number, OLD.cost, OLD.acquisition_date, OLD.origin, OLD.voucher_id, OLD.opening_depreciation) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'a fixed asset keeps its number, cost, acquisition and origin';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION ledger_fixed_asset_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`CREATE TRIGGER fixed_assets_guard BEFORE UPDATE OR DELETE ON fixed_assets FOR EACH ROW EXECUTE FUNCTION ledger_fixed_asset_guard()`);

    await q.query(`
      CREATE TABLE fixed_asset_depreciation (
        union_id uuid NOT NULL,
        asset_id uuid NOT NULL,
        period integer NOT NULL,
        amount numeric(18,2) NOT NULL,
        voucher_id uuid NOT NULL,
        CONSTRAINT pk_fixed_asset_depreciation PRIMARY KEY (union_id, asset_id, period),
        CONSTRAINT fk_fixed_asset_depreciation_asset FOREIGN KEY (union_id, asset_id) REFERENCES fixed_assets (union_id, id),
        CONSTRAINT fk_fixed_asset_depreciation_voucher FOREIGN KEY (union_id, voucher_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_fixed_asset_depreciation_amount CHECK (amount > 0)
      )`);
    await q.query(`CREATE TRIGGER fixed_asset_depreciation_append_only BEFORE UPDATE OR DELETE ON fixed_asset_depreciation FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    await q.query(`CREATE TRIGGER fixed_asset_depreciation_no_truncate BEFORE TRUNCATE ON fixed_asset_depreciation FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);

    // a voucher that put an asset on the books cannot be reversed while its card stands
    await q.query(`
      CREATE FUNCTION ledger_reversal_asset_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM fixed_assets f WHERE f.union_id = NEW.union_id AND f.voucher_id = NEW.original_id AND f.status <> 'cancelled') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL061', MESSAGE = 'the voucher carries a fixed asset card: cancel the card or dispose of the asset first';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER FUNCTION ledger_reversal_asset_guard() SET search_path = ${FUNCTION_SEARCH_PATH}`);
    await q.query(`CREATE TRIGGER voucher_reversals_asset BEFORE INSERT ON voucher_reversals FOR EACH ROW EXECUTE FUNCTION ledger_reversal_asset_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER voucher_reversals_asset ON voucher_reversals`);
    await q.query(`DROP FUNCTION ledger_reversal_asset_guard()`);
    await q.query(`DROP TABLE fixed_asset_depreciation, fixed_assets, fixed_asset_sequences`);
    await q.query(`DROP FUNCTION ledger_fixed_asset_guard()`);
  }
}
