import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AssetCategory, AssetStatus } from './domain/depreciation.rules';
import { DisposalKind } from './domain/disposal.rules';

export interface AssetCard {
  id: string;
  number: string;
  name: string;
  category: AssetCategory;
  cost: Decimal;
  acquisitionDate: string;
  usefulLifeMonths: number;
  status: AssetStatus;
  origin: 'purchase' | 'opening';
  assetAccount: string;
  fundAccount: string;
  depreciationAccount: string;
  openingDepreciation: Decimal;
  voucherId: string | null;
  claimId: string | null;
  disposalKind: DisposalKind | null;
  disposalDate: string | null;
  disposalProceeds: Decimal | null;
  disposalReason: string | null;
  disposalVoucherId: string | null;
  /** Opening depreciation plus every month depreciated in these books. */
  accumulated: Decimal;
  lastDepreciated: number | null;
  createdAt: Date;
}

export type NewAssetCard = Pick<AssetCard, 'id' | 'name' | 'category' | 'cost' | 'acquisitionDate' | 'usefulLifeMonths' | 'origin' | 'assetAccount' | 'fundAccount' | 'depreciationAccount' | 'openingDepreciation' | 'voucherId' | 'claimId'> & {
  createdBy: string | null;
};

const SELECT = `
  SELECT f.id, f.number, f.name, f.category, f.cost, to_char(f.acquisition_date, 'YYYY-MM-DD') AS "acquisitionDate",
         f.useful_life_months AS "usefulLifeMonths", f.status, f.origin, f.asset_account AS "assetAccount", f.fund_account AS "fundAccount",
         f.depreciation_account AS "depreciationAccount", f.opening_depreciation AS "openingDepreciation", f.voucher_id AS "voucherId",
         f.claim_id AS "claimId", f.disposal_kind AS "disposalKind", to_char(f.disposal_date, 'YYYY-MM-DD') AS "disposalDate",
         f.disposal_proceeds AS "disposalProceeds", f.disposal_reason AS "disposalReason", f.disposal_voucher_id AS "disposalVoucherId",
         f.opening_depreciation + coalesce(d.total, 0) AS accumulated, d.last AS "lastDepreciated", f.created_at AS "createdAt"
    FROM fixed_assets f
    LEFT JOIN LATERAL (SELECT sum(x.amount) AS total, max(x.period) AS last FROM fixed_asset_depreciation x
                        WHERE x.union_id = f.union_id AND x.asset_id = f.id) d ON true`;

type Row = Omit<AssetCard, 'cost' | 'openingDepreciation' | 'disposalProceeds' | 'accumulated'> & {
  cost: string;
  openingDepreciation: string;
  disposalProceeds: string | null;
  accumulated: string;
};

function card(r: Row): AssetCard {
  return {
    ...r,
    cost: new Decimal(r.cost),
    openingDepreciation: new Decimal(r.openingDepreciation),
    disposalProceeds: r.disposalProceeds === null ? null : new Decimal(r.disposalProceeds),
    accumulated: new Decimal(r.accumulated),
  };
}

/** A union's fixed-asset cards and their depreciation. */
@Injectable()
export class FixedAssetsRepository {
  async list(em: EntityManager, unionId: string, filter: { status?: AssetStatus } = {}): Promise<AssetCard[]> {
    const rows: Row[] = await em.query(`${SELECT} WHERE f.union_id = $1 AND ($2::varchar IS NULL OR f.status = $2) ORDER BY f.number`, [unionId, filter.status ?? null]);
    return rows.map(card);
  }

  async find(em: EntityManager, unionId: string, id: string, opts: { lock?: boolean } = {}): Promise<AssetCard | undefined> {
    if (opts.lock) await em.query(`SELECT 1 FROM fixed_assets WHERE union_id = $1 AND id = $2 FOR UPDATE`, [unionId, id]);
    const rows: Row[] = await em.query(`${SELECT} WHERE f.union_id = $1 AND f.id = $2`, [unionId, id]);
    return rows[0] && card(rows[0]);
  }

  /** The next card number of the union (固定资产编号 GZ-0001, …), under the counter row's lock. */
  async nextNumber(em: EntityManager, unionId: string): Promise<string> {
    const [{ last }]: { last: number }[] = await em.query(
      `INSERT INTO fixed_asset_sequences (union_id, last) VALUES ($1, 1)
       ON CONFLICT (union_id) DO UPDATE SET last = fixed_asset_sequences.last + 1
       RETURNING last`,
      [unionId],
    );
    return `GZ-${String(last).padStart(4, '0')}`;
  }

  async insert(em: EntityManager, unionId: string, c: NewAssetCard, number: string): Promise<void> {
    await em.query(
      `INSERT INTO fixed_assets (union_id, id, number, name, category, cost, acquisition_date, useful_life_months, origin, asset_account,
                                 fund_account, depreciation_account, opening_depreciation, voucher_id, claim_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [unionId, c.id, number, c.name, c.category, c.cost.toFixed(2), c.acquisitionDate, c.usefulLifeMonths, c.origin, c.assetAccount, c.fundAccount,
        c.depreciationAccount, c.openingDepreciation.toFixed(2), c.voucherId, c.claimId, c.createdBy],
    );
  }

  async update(em: EntityManager, unionId: string, id: string, patch: Partial<Pick<AssetCard, 'name' | 'category' | 'usefulLifeMonths' | 'depreciationAccount'>>): Promise<void> {
    await em.query(
      `UPDATE fixed_assets SET name = coalesce($3, name), category = coalesce($4, category), useful_life_months = coalesce($5, useful_life_months),
              depreciation_account = coalesce($6, depreciation_account), updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, id, patch.name ?? null, patch.category ?? null, patch.usefulLifeMonths ?? null, patch.depreciationAccount ?? null],
    );
  }

  async dispose(em: EntityManager, unionId: string, id: string, d: { kind: DisposalKind; date: string; proceeds: Decimal; reason: string; voucherId: string }): Promise<void> {
    await em.query(
      `UPDATE fixed_assets SET status = 'disposed', disposal_kind = $3, disposal_date = $4, disposal_proceeds = $5, disposal_reason = $6,
              disposal_voucher_id = $7, updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, id, d.kind, d.date, d.proceeds.toFixed(2), d.reason, d.voucherId],
    );
  }

  async cancel(em: EntityManager, unionId: string, id: string): Promise<void> {
    await em.query(`UPDATE fixed_assets SET status = 'cancelled', updated_at = now() WHERE union_id = $1 AND id = $2`, [unionId, id]);
  }

  async recordDepreciation(em: EntityManager, unionId: string, rows: { assetId: string; amount: Decimal }[], period: number, voucherId: string): Promise<void> {
    await em.query(
      `INSERT INTO fixed_asset_depreciation (union_id, asset_id, period, amount, voucher_id)
       SELECT $1, a, $3, m, $4 FROM unnest($2::uuid[], $5::numeric[]) AS x(a, m)`,
      [unionId, rows.map((r) => r.assetId), period, voucherId, rows.map((r) => r.amount.toFixed(2))],
    );
  }

  /** Σ capitalised on a voucher's 162 lines, and what cards already claim of it. */
  async voucherCapacity(em: EntityManager, unionId: string, voucherId: string): Promise<{ capitalised: Decimal; carded: Decimal; date: string | null }> {
    const [row]: { capitalised: string; carded: string; date: string | null }[] = await em.query(
      `SELECT coalesce((SELECT sum(l.debit) FROM voucher_lines l WHERE l.union_id = $1 AND l.voucher_id = $2 AND l.account_code LIKE '162%'), 0) AS capitalised,
              coalesce((SELECT sum(f.cost) FROM fixed_assets f WHERE f.union_id = $1 AND f.voucher_id = $2 AND f.status <> 'cancelled'), 0) AS carded,
              (SELECT to_char(v.voucher_date, 'YYYY-MM-DD') FROM vouchers v WHERE v.union_id = $1 AND v.id = $2) AS date`,
      [unionId, voucherId],
    );
    return { capitalised: new Decimal(row.capitalised), carded: new Decimal(row.carded), date: row.date };
  }

  /** The register against the ledger: cost of the standing cards vs 162, their depreciation vs 163. */
  async ledgerBalances(em: EntityManager, unionId: string): Promise<{ cost: Decimal; depreciation: Decimal }> {
    const [row]: { cost: string; depreciation: string }[] = await em.query(
      `SELECT coalesce(sum(CASE WHEN left(code, 3) = '162' THEN closing END), 0) AS cost,
              coalesce(-sum(CASE WHEN left(code, 3) = '163' THEN closing END), 0) AS depreciation
         FROM (SELECT DISTINCT ON (b.account_code) b.account_code AS code, b.closing FROM account_balances b
                WHERE b.union_id = $1 AND left(b.account_code, 3) IN ('162', '163') ORDER BY b.account_code, b.period DESC) x`,
      [unionId],
    );
    return { cost: new Decimal(row.cost), depreciation: new Decimal(row.depreciation) };
  }

  /** A posted voucher's debits on 固定资产 (162…), with the 资产基金 account it credits (301…). */
  async purchaseLines(em: EntityManager, unionId: string, voucherId: string): Promise<{ accountCode: string; fundAccount: string; amount: Decimal; summary: string; date: string }[]> {
    const rows: { accountCode: string; fundAccount: string | null; amount: string; summary: string; date: string }[] = await em.query(
      `SELECT l.account_code AS "accountCode", l.debit AS amount, l.summary, to_char(l.voucher_date, 'YYYY-MM-DD') AS date,
              (SELECT f.account_code FROM voucher_lines f WHERE f.union_id = l.union_id AND f.voucher_id = l.voucher_id
                  AND f.account_code LIKE '301%' AND f.credit > 0 ORDER BY f.line_no LIMIT 1) AS "fundAccount"
         FROM voucher_lines l
        WHERE l.union_id = $1 AND l.voucher_id = $2 AND l.account_code LIKE '162%' AND l.debit > 0
        ORDER BY l.line_no`,
      [unionId, voucherId],
    );
    return rows.map((r) => ({ ...r, fundAccount: r.fundAccount ?? '30104', amount: new Decimal(r.amount) }));
  }
}
