import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, lastDayOf, periodOfDate } from '../common/period';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { VoucherLineInput } from '../ledger/domain/voucher.rules';
import { formatVoucherNumber } from '../ledger/domain/voucher-type';
import { VouchersService } from '../ledger/vouchers/vouchers.service';
import { FUNDING_ACCOUNT } from '../unions/unions.repository';
import { AssetCategory, bookValue, categoryOfExpense, defaultUsefulLifeMonths, depreciationFor } from './domain/depreciation.rules';
import { DisposalKind, disposalLines } from './domain/disposal.rules';
import { AssetError } from './fixed-assets.errors';
import { AssetCard, FixedAssetsRepository } from './fixed-assets.repository';

const ZERO = new Decimal(0);

export interface PurchaseCard {
  name: string;
  expenseAccount: string;
  cost: Decimal;
  date: string;
  voucherId: string;
  claimId: string | null;
  assetAccount: string;
  fundAccount: string;
}

/**
 * The fixed-asset register (固定资产卡片): cards made when a capital purchase is paid or entered for assets held
 * when the books began, monthly straight-line depreciation posted at month-end closing (Dr 资产基金—固定资产 /
 * Cr 累计折旧, no expense), and disposal with its entries. Every change is in the audit trail.
 */
@Injectable()
export class FixedAssetsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly assets: FixedAssetsRepository,
    private readonly vouchers: VouchersService,
    private readonly audit: AuditService,
  ) {}

  async list(unionId: string, status?: AssetCard['status']) {
    const em = this.db.manager;
    await this.books.findUnion(em, unionId, { forWrite: false });
    const cards = await this.assets.list(em, unionId, { status });
    const standing = (await this.assets.list(em, unionId, { status: 'active' }));
    const ledger = await this.assets.ledgerBalances(em, unionId);
    const sum = (f: (c: AssetCard) => Decimal) => standing.reduce((acc, c) => acc.plus(f(c)), ZERO);
    return {
      items: cards,
      // the register agrees with the ledger when every asset on 162 has its card
      reconciliation: { cards: { cost: sum((c) => c.cost), depreciation: sum((c) => c.accumulated) }, ledger },
    };
  }

  async get(unionId: string, id: string): Promise<AssetCard> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.found(this.db.manager, unionId, id);
  }

  /** A card for an asset held when the books began (its cost and depreciation are in the opening balances), or for a purchase voucher posted by hand. */
  create(
    unionId: string,
    dto: { name: string; category: AssetCategory; cost: Decimal; usefulLifeMonths: number; acquisitionDate?: string; voucherId?: string; openingDepreciation?: Decimal; depreciationAccount?: string },
    actor: Actor,
  ): Promise<AssetCard> {
    return this.db.transaction(async (em) => {
      const union = await this.books.lockPosting(em, unionId, { forWrite: true });
      let acquisitionDate = dto.acquisitionDate;
      if (dto.voucherId) {
        const room = await this.assets.voucherCapacity(em, unionId, dto.voucherId);
        if (!room.date) throw notFound('凭证', { voucherId: dto.voucherId });
        if (dto.cost.gt(room.capitalised.minus(room.carded))) {
          throw new AssetError('ASSET_COST_INVALID', `凭证借记固定资产 ${room.capitalised.toFixed(2)} 元，已建卡 ${room.carded.toFixed(2)} 元，本卡原值不能超过余下的部分`);
        }
        acquisitionDate = room.date;
      } else if (!acquisitionDate || periodOfDate(acquisitionDate) >= union.firstPeriod) {
        throw new AssetError('ASSET_ORIGIN_INVALID', `启用期间（${formatPeriod(union.firstPeriod)}）前已有的资产填写取得日期；此后购置的资产须关联其购置凭证（voucherId）`);
      }
      const opening = dto.voucherId ? ZERO : (dto.openingDepreciation ?? ZERO);
      if (opening.gt(dto.cost)) throw new AssetError('ASSET_COST_INVALID', '期初累计折旧不能超过原值');
      const card = await this.insert(em, unionId, {
        name: dto.name.trim(),
        category: dto.category,
        cost: dto.cost,
        acquisitionDate: acquisitionDate!,
        usefulLifeMonths: dto.usefulLifeMonths,
        origin: dto.voucherId ? 'purchase' : 'opening',
        assetAccount: '162',
        fundAccount: '30104',
        depreciationAccount: dto.depreciationAccount ?? '163',
        openingDepreciation: opening,
        voucherId: dto.voucherId ?? null,
        claimId: null,
      }, actor);
      return card;
    });
  }

  /** The card of an asset bought through a claim, in the payment's transaction (its voucher put it on 162). */
  async createFromPurchase(em: EntityManager, unionId: string, p: PurchaseCard, actor: Actor): Promise<AssetCard> {
    return this.insert(em, unionId, {
      name: p.name.slice(0, 100),
      category: categoryOfExpense(p.expenseAccount),
      cost: p.cost,
      acquisitionDate: p.date,
      usefulLifeMonths: defaultUsefulLifeMonths(p.expenseAccount),
      origin: 'purchase',
      assetAccount: p.assetAccount,
      fundAccount: p.fundAccount,
      depreciationAccount: '163',
      openingDepreciation: ZERO,
      voucherId: p.voucherId,
      claimId: p.claimId,
    }, actor);
  }

  /**
   * The cards of what a claim's posted payment voucher put on 固定资产 — one per debit line on 162 (each
   * capitalised item of the claim), acquired on the voucher's date — in the posting's transaction.
   */
  async cardsForPurchase(em: EntityManager, unionId: string, p: { voucherId: string; claimId: string; expenseAccount: string; name: string }, actor: Actor): Promise<void> {
    for (const line of await this.assets.purchaseLines(em, unionId, p.voucherId)) {
      const item = line.summary.includes('：') ? line.summary.slice(line.summary.lastIndexOf('：') + 1) : p.name;
      await this.createFromPurchase(em, unionId, { name: item || p.name, expenseAccount: p.expenseAccount, cost: line.amount, date: line.date, voucherId: p.voucherId, claimId: p.claimId, assetAccount: line.accountCode, fundAccount: line.fundAccount }, actor);
    }
  }

  /** Name at any time; category, useful life and depreciation account only before the first depreciation. */
  update(unionId: string, id: string, patch: { name?: string; category?: AssetCategory; usefulLifeMonths?: number; depreciationAccount?: string }, actor: Actor): Promise<AssetCard> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const card = await this.found(em, unionId, id, true);
      if (card.status !== 'active') throw new AssetError('ASSET_NOT_ACTIVE', `固定资产 ${card.number} 已${card.status === 'disposed' ? '处置' : '注销'}，不能修改`);
      const settled = patch.category !== undefined || patch.usefulLifeMonths !== undefined || patch.depreciationAccount !== undefined;
      if (settled && card.lastDepreciated !== null) {
        throw new AssetError('ASSET_DEPRECIATING', `固定资产 ${card.number} 已开始计提折旧，使用年限和类别不得随意变更（第三十五条）`);
      }
      await this.assets.update(em, unionId, id, { ...patch, name: patch.name?.trim() });
      const after = await this.found(em, unionId, id);
      await this.audit.record(em, actor, [{ unionId, action: 'asset.update', entityType: 'fixed_asset', entityId: id, before: auditOf(card), after: auditOf(after) }]);
      return after;
    });
  }

  /** 报废 / 出售 / 对外捐赠: the card leaves the books at its book value, in one voucher with the money received. */
  dispose(unionId: string, id: string, d: { kind: DisposalKind; date: string; proceeds: Decimal; reason: string }, actor: Actor): Promise<AssetCard> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const card = await this.found(em, unionId, id, true);
      if (card.status !== 'active') throw new AssetError('ASSET_NOT_ACTIVE', `固定资产 ${card.number} 已${card.status === 'disposed' ? '处置' : '注销'}`);
      if (d.date < card.acquisitionDate) throw new AssetError('ASSET_DATE_INVALID', `处置日期不能早于取得日期 ${card.acquisitionDate}`);
      if (d.kind !== 'sale' && d.kind !== 'scrap' && d.proceeds.gt(0)) throw new AssetError('ASSET_DATE_INVALID', '对外捐赠没有处置收入');
      const lines = disposalLines({
        number: card.number,
        name: card.name,
        kind: d.kind,
        cost: card.cost,
        accumulated: card.accumulated,
        proceeds: d.proceeds,
        accounts: { asset: card.assetAccount, fund: card.fundAccount, depreciation: card.depreciationAccount, bank: FUNDING_ACCOUNT.code, otherIncome: '408' },
      });
      const { id: voucherId } = await this.post(em, unionId, d.date, lines, actor);
      await this.assets.dispose(em, unionId, id, { ...d, voucherId });
      const after = await this.found(em, unionId, id);
      await this.audit.record(em, actor, [
        { unionId, action: 'asset.dispose', entityType: 'fixed_asset', entityId: id, before: auditOf(card), after: { ...auditOf(after), kind: d.kind, date: d.date, proceeds: d.proceeds.toFixed(2), voucherId } },
      ]);
      return after;
    });
  }

  /** 注销: a card made in error, before any depreciation; its purchase voucher may then be reversed. */
  cancel(unionId: string, id: string, reason: string, actor: Actor): Promise<AssetCard> {
    return this.db.transaction(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: true });
      const card = await this.found(em, unionId, id, true);
      if (card.status !== 'active') throw new AssetError('ASSET_NOT_ACTIVE', `固定资产 ${card.number} 已${card.status === 'disposed' ? '处置' : '注销'}`);
      if (card.lastDepreciated !== null) throw new AssetError('ASSET_DEPRECIATING', `固定资产 ${card.number} 已计提折旧，不能注销，请办理处置`);
      await this.assets.cancel(em, unionId, id);
      await this.audit.record(em, actor, [{ unionId, action: 'asset.cancel', entityType: 'fixed_asset', entityId: id, before: auditOf(card), after: { status: 'cancelled', reason } }]);
      return this.found(em, unionId, id);
    });
  }

  /**
   * The month's depreciation, at its closing (the caller holds the union's periods lock): one voucher with a
   * line pair per asset, each month of each asset once.
   */
  async depreciateMonth(em: EntityManager, unionId: string, period: number, actor: Actor): Promise<{ id: string; displayNumber: string } | null> {
    const due = (await this.assets.list(em, unionId, { status: 'active' }))
      .map((card) => ({ card, amount: depreciationFor(card, period) }))
      .filter((x) => x.amount.gt(0));
    if (due.length === 0) return null;
    const lines = due.flatMap(({ card, amount }): VoucherLineInput[] => {
      const summary = `计提折旧 ${formatPeriod(period)} ${card.number} ${card.name}`.slice(0, 200);
      return [
        { summary, accountCode: card.fundAccount, side: 'debit', amount, projectCode: null, fundType: null },
        { summary, accountCode: card.depreciationAccount, side: 'credit', amount, projectCode: null, fundType: null },
      ];
    });
    const posted = await this.post(em, unionId, lastDayOf(period), lines, actor);
    await this.assets.recordDepreciation(em, unionId, due.map(({ card, amount }) => ({ assetId: card.id, amount })), period, posted.id);
    return posted;
  }

  private async post(em: EntityManager, unionId: string, date: string, lines: VoucherLineInput[], actor: Actor): Promise<{ id: string; displayNumber: string }> {
    const { id, voucher, posting } = await this.vouchers.postInTransaction(em, unionId, { date, red: false, attachmentCount: 0, lines }, { source: 'asset', preparer: { id: null, name: '系统（固定资产）' }, poster: actor });
    return { id, displayNumber: formatVoucherNumber(voucher.type, voucher.period, posting.number) };
  }

  private async insert(em: EntityManager, unionId: string, c: Omit<Parameters<FixedAssetsRepository['insert']>[2], 'id' | 'createdBy'>, actor: Actor): Promise<AssetCard> {
    const id = uuidv7();
    const number = await this.assets.nextNumber(em, unionId);
    await this.assets.insert(em, unionId, { ...c, id, createdBy: actor.id }, number);
    const card = await this.found(em, unionId, id);
    await this.audit.record(em, actor, [{ unionId, action: 'asset.create', entityType: 'fixed_asset', entityId: id, after: auditOf(card) }]);
    return card;
  }

  private async found(em: EntityManager, unionId: string, id: string, lock = false): Promise<AssetCard> {
    const card = await this.assets.find(em, unionId, id, { lock });
    if (!card) throw notFound('固定资产卡片', { assetId: id });
    return card;
  }
}

function auditOf(c: AssetCard) {
  return {
    number: c.number,
    name: c.name,
    category: c.category,
    cost: c.cost.toFixed(2),
    acquisitionDate: c.acquisitionDate,
    usefulLifeMonths: c.usefulLifeMonths,
    status: c.status,
    bookValue: bookValue(c).toFixed(2),
    voucherId: c.voucherId,
  };
}
