import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { IdempotencyKeys, requireIdempotencyKey } from '../../common/idempotency/idempotency-keys';
import { Page } from '../../common/http/pagination.dto';
import { parsePeriod } from '../../common/period';
import { Database } from '../../database/database.service';
import { VouchersService } from '../../ledger/vouchers/vouchers.service';
import { BankingError } from '../banking.errors';
import { receiptCredit, ReceiptInput, receiptLines } from '../domain/receipt.rules';
import { DuesRepository } from '../dues/dues.repository';
import { BankSettingsRepository } from '../settings/bank-settings.repository';
import { CreateReceiptDto, ListReceiptsQuery, ReceiptResponse } from './dto/receipt.dto';
import { presentReceipt } from './receipt.presenter';
import { ReceiptAttachmentsRepository } from './receipt-attachments.repository';
import { Receipt, ReceiptsRepository } from './receipts.repository';

/**
 * 收款: the cashier records money received for a union; the system prepares its voucher (Dr the union's
 * share of the pooled account / Cr the income, or what a refund gives back) as a draft, whose preparer is
 * the cashier; another person posts it (审核 ≠ 制单), through the same posting path as every voucher.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly db: Database,
    private readonly receipts: ReceiptsRepository,
    private readonly attachments: ReceiptAttachmentsRepository,
    private readonly dues: DuesRepository,
    private readonly settings: BankSettingsRepository,
    private readonly vouchers: VouchersService,
    private readonly keys: IdempotencyKeys,
    private readonly audit: AuditService,
  ) {}

  /** Idempotent on its key: a retry with the same key and body answers the first receipt, nothing is recorded twice. */
  record(unionId: string, dto: CreateReceiptDto, key: string | undefined, actor: Actor): Promise<ReceiptResponse> {
    const idempotencyKey = requireIdempotencyKey(key, '登记收款');
    return this.db.transaction((em) => this.keys.once(em, unionId, idempotencyKey, 'receipt.record', dto, () => this.recordOnce(em, unionId, dto, actor)));
  }

  private async recordOnce(em: EntityManager, unionId: string, dto: CreateReceiptDto, actor: Actor): Promise<ReceiptResponse> {
    const share = await this.receipts.shareFor(em, unionId, dto.bankAccountId);
    if (!share) {
      throw new BankingError('BANK_SHARE_INVALID', dto.bankAccountId ? '本工会在所选统一账户中没有份额' : '本工会没有中心统一账户份额，不能登记收款');
    }
    const dues = await this.duesOf(em, unionId, dto);
    const settings = await this.settings.ofUnion(em, unionId);
    const input: ReceiptInput = {
      kind: dto.kind,
      amount: new Decimal(dto.amount),
      payer: dto.payer,
      memo: dto.memo ?? null,
      account: dto.account ?? null,
      fundType: dto.fundType ?? null,
      projectCode: dto.project ?? null,
      allocationAccount: settings.allocationAccount,
    };
    const credit = receiptCredit(input);
    const [draft] = await this.vouchers.draftManyInTransaction(
      em,
      [{ unionId, input: { date: dto.date, red: false, attachmentCount: 0, lines: receiptLines(input, share, credit) } }],
      { source: 'receipt', preparer: actor },
    );
    const id = uuidv7();
    const number = await this.receipts.nextNumber(em, unionId, Number(dto.date.slice(0, 4)));
    await this.receipts.insert(em, [
      {
        unionId,
        id,
        number,
        kind: dto.kind,
        amount: input.amount,
        date: dto.date,
        payer: dto.payer,
        bankReference: dto.bankReference ?? null,
        shareAccount: share,
        creditAccount: credit.account,
        fundType: credit.fundType,
        projectCode: credit.projectCode,
        memo: dto.memo ?? null,
        duesPeriod: dues?.period ?? null,
        duesMembers: dues?.members ?? null,
        duesRollId: dues?.rollId ?? null,
        batchId: null,
        voucherId: draft.id,
        recordedBy: actor.id,
        recordedByName: actor.name,
      },
    ]);
    await this.audit.record(em, actor, [
      { unionId, action: 'receipt.record', entityType: 'receipt', entityId: id, after: { number, ...dto, voucherId: draft.id } },
    ]);
    return this.read(em, unionId, id);
  }

  /** A dues receipt says for which month and how many members; citing a roll, it must bring the roll's total. */
  private async duesOf(em: EntityManager, unionId: string, dto: CreateReceiptDto) {
    if (!dto.dues) return null;
    if (dto.kind !== 'dues') throw new BankingError('RECEIPT_INVALID', '只有会费收入填写会费期间和人数（dues）');
    if (!dto.dues.rollId) return { period: parsePeriod(dto.dues.period), members: dto.dues.members ?? null, rollId: null };
    const roll = await this.dues.find(em, unionId, dto.dues.rollId);
    if (!roll) throw notFound('会费名册', { rollId: dto.dues.rollId });
    if (!roll.total.equals(dto.amount)) {
      throw new BankingError('RECEIPT_INVALID', `收款金额 ${dto.amount} 与会费名册合计 ${roll.total.toFixed(2)} 不一致`);
    }
    if (roll.period !== parsePeriod(dto.dues.period)) throw new BankingError('RECEIPT_INVALID', '会费期间与会费名册的期间不一致');
    return { period: roll.period, members: roll.members, rollId: roll.id };
  }

  /** 审核过账: the receipt's voucher is posted like any draft, by someone other than the cashier who recorded it. */
  async post(unionId: string, id: string, actor: Actor): Promise<ReceiptResponse> {
    const receipt = await this.require(this.db.manager, unionId, id);
    if (receipt.status !== 'recorded') throw statusError(receipt);
    await this.vouchers.post(unionId, receipt.voucherId, actor);
    return this.read(this.db.manager, unionId, id);
  }

  /** 作废: only before posting (afterwards a red-ink reversal corrects it); the draft goes, the receipt stays. */
  cancel(unionId: string, id: string, reason: string, actor: Actor): Promise<ReceiptResponse> {
    return this.db.transaction(async (em) => {
      const receipt = await this.require(em, unionId, id, true);
      if (receipt.status !== 'recorded') throw statusError(receipt);
      await this.vouchers.discardDraftInTransaction(em, unionId, receipt.voucherId, actor);
      await this.receipts.cancel(em, unionId, id, actor.id, reason);
      await this.audit.record(em, actor, [
        { unionId, action: 'receipt.cancel', entityType: 'receipt', entityId: id, before: { number: receipt.number, status: receipt.status }, after: { status: 'cancelled', reason } },
      ]);
      return this.read(em, unionId, id);
    });
  }

  async get(unionId: string, id: string): Promise<ReceiptResponse> {
    return this.read(this.db.manager, unionId, id);
  }

  async list(unionId: string, q: ListReceiptsQuery): Promise<Page<ReceiptResponse>> {
    const page = await this.receipts.list(this.db.manager, unionId, q);
    return { ...page, items: page.items.map((r) => presentReceipt(r, [])) };
  }

  async require(em: EntityManager, unionId: string, id: string, lock = false): Promise<Receipt> {
    const receipt = await this.receipts.find(em, unionId, id, { lock });
    if (!receipt) throw notFound('收款单', { receiptId: id });
    return receipt;
  }

  private async read(em: EntityManager, unionId: string, id: string): Promise<ReceiptResponse> {
    const receipt = await this.require(em, unionId, id);
    return presentReceipt(receipt, await this.attachments.list(em, unionId, id));
  }
}

function statusError(r: Receipt): BankingError {
  const message =
    r.status === 'posted' ? `收款单 ${r.number} 已过账，不能再过账或作废；如有错误请红字冲销其凭证` : `收款单 ${r.number} 已作废`;
  return new BankingError('RECEIPT_STATUS', message, { status: r.status });
}
