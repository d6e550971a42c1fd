import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthError } from '../auth/auth.errors';
import { Actor } from '../common/http/actor.decorator';
import { IdempotencyKeys, requireIdempotencyKey } from '../common/idempotency/idempotency-keys';
import { Database } from '../database/database.service';
import { LedgerClock } from '../ledger/ledger.clock';
import { VouchersService } from '../ledger/vouchers/vouchers.service';
import { ClaimDocumentsRepository } from './claim-documents.repository';
import { CASH_ACCOUNT, ClaimFundsRepository } from './claim-funds.repository';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { ClaimsService } from './claims.service';
import { paymentLines, requireCashAllowed } from './domain/claim.rules';
import { ClaimResponse } from './dto/claim-response.dto';
import { PayClaimDto } from './dto/claim-actions.dto';

/** Fixed-asset purchases (not repairs or other capital spending) also enter 固定资产 against 资产基金. */
const FIXED_ASSET_ACCOUNTS = ['50701', '50702', '50703', '50704', '50706'];

/**
 * 支付: the cashier pays a reviewed claim. In one transaction: the reservation consumed, the voucher posted
 * (Dr expense / Cr the union's bank share, or cash), claim and voucher linked. A retry with the same
 * Idempotency-Key gets the first answer; the same key with another request is refused.
 */
@Injectable()
export class ClaimPaymentsService {
  constructor(
    private readonly db: Database,
    private readonly documents: ClaimDocumentsRepository,
    private readonly funds: ClaimFundsRepository,
    private readonly rules: ClaimRulesService,
    private readonly steps: ClaimSteps,
    private readonly vouchers: VouchersService,
    private readonly clock: LedgerClock,
    private readonly reader: ClaimsService,
    private readonly keys: IdempotencyKeys,
  ) {}

  pay(unionId: string, id: string, dto: PayClaimDto, key: string | undefined, actor: Actor): Promise<ClaimResponse> {
    const idempotencyKey = requireIdempotencyKey(key, '支付请求');
    const request = { claimId: id, date: dto.date ?? null, bankReference: dto.bankReference ?? null, comment: dto.comment ?? null };
    return this.db.transaction((em) => this.keys.once(em, unionId, idempotencyKey, 'claim.pay', request, () => this.payOnce(em, unionId, id, dto, actor)));
  }

  private async payOnce(em: EntityManager, unionId: string, id: string, dto: PayClaimDto, actor: Actor): Promise<ClaimResponse> {
    const claim = await this.steps.lock(em, unionId, id);
    const to = this.steps.target(claim, 'pay');
    if (actor.id !== null && (actor.id === claim.reviewedBy || actor.id === claim.createdBy)) {
      throw new AuthError('SOD_SELF_REVIEW', '出纳不能支付本人经办或审核的报销单');
    }
    if (claim.payeeKind === 'bank' && !dto.bankReference) {
      throw new ClaimError('CLAIM_PAYEE_INVALID', '转账支付须填写银行流水号（bankReference）');
    }
    const settings = await this.rules.settingsOf(em, unionId);
    requireCashAllowed(claim.payeeKind, claim.amount, settings.cashLimit, settings.allowCashAboveLimit);

    // consumed first: the posting then takes the money from the balance, not a second time from what is free
    await this.funds.close(em, unionId, claim.reservationId!, 'consumed');
    const creditAccount = await this.funds.reservedAccount(em, unionId, claim.reservationId!);
    const attachments = await this.documents.list(em, unionId, id);
    const date = dto.date ?? this.clock.today();
    const { id: voucherId, posting } = await this.vouchers.postInTransaction(
      em,
      unionId,
      {
        date,
        red: false,
        attachmentCount: attachments.length,
        lines: paymentLines({
          number: claim.number,
          purpose: claim.purpose,
          expenseAccount: claim.expenseAccount,
          fundType: claim.fundType,
          projectCode: claim.projectCode,
          amount: claim.amount,
          creditAccount,
          fixedAsset: FIXED_ASSET_ACCOUNTS.includes(claim.expenseAccount.slice(0, 5)) ? { assetAccount: '162', fundAccount: '30104' } : null,
        }),
      },
      { source: 'claim', preparer: { id: claim.reviewedBy, name: claim.reviewedByName ?? actor.name }, poster: actor },
    );
    // a bank share is guarded by the database on every posting; cash only here, for claims
    if (creditAccount === CASH_ACCOUNT) await this.funds.requireFunds(em, unionId, creditAccount);
    await this.steps.record(em, claim, 'pay', actor, {
      patch: { status: to, paidBy: actor.id, voucherId, paymentDate: date, paymentRef: dto.bankReference ?? null, paidAt: posting.postedAt },
      comment: dto.comment,
      details: { voucherId, voucherNumber: posting.number, bankReference: dto.bankReference ?? null },
    });
    return this.reader.read(em, unionId, id);
  }
}
