import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthError } from '../auth/auth.errors';
import { Actor } from '../common/http/actor.decorator';
import { IdempotencyKeys, requireIdempotencyKey } from '../common/idempotency/idempotency-keys';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { LedgerClock } from '../ledger/ledger.clock';
import { WorkflowVouchersService } from '../ledger/vouchers/workflow-vouchers.service';
import { ClaimFundsRepository } from './claim-funds.repository';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { ClaimsService } from './claims.service';
import { FixedAssetsService } from '../fixed-assets/fixed-assets.service';
import { requireCashAllowed } from './domain/claim.rules';
import { ClaimResponse } from './dto/claim-response.dto';
import { PayClaimDto } from './dto/claim-actions.dto';

/**
 * The payment of a reviewed claim, in the three steps after the accountant prepared its voucher (brief
 * §6.2), each by its own person and each on the voucher: 复核 (check: another person reviews the voucher,
 * 审核), 付款 (pay: the cashier pays and signs as 出纳; the reservation stays open, so the money stays
 * set aside) and 记账 (post: the voucher is posted and the reservation consumed in one transaction, so
 * available funds never count the money twice or lose it). The cashier never reviews or posts.
 */
@Injectable()
export class ClaimPaymentsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly funds: ClaimFundsRepository,
    private readonly rules: ClaimRulesService,
    private readonly steps: ClaimSteps,
    private readonly vouchers: WorkflowVouchersService,
    private readonly clock: LedgerClock,
    private readonly reader: ClaimsService,
    private readonly assets: FixedAssetsService,
    private readonly keys: IdempotencyKeys,
  ) {}

  /** 复核: someone other than the accountant who prepared the voucher (and the union's people) reviews it. */
  async check(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'check');
      if (actor.id !== null && [claim.reviewedBy, claim.createdBy, claim.submittedBy, claim.approvedBy].includes(actor.id)) {
        throw new AuthError('SOD_SELF_REVIEW', '复核人不能是付款凭证的制单人，也不能是本报销单的经办人或审批人（审核 ≠ 制单）');
      }
      await this.vouchers.review(em, unionId, claim.paymentVoucherId!, actor);
      await this.steps.record(em, claim, 'check', actor, { patch: { status: to, checkedBy: actor.id }, comment, details: { voucherId: claim.paymentVoucherId } });
    });
    return this.reader.get(unionId, id);
  }

  /**
   * 付款: the cashier pays a checked claim and signs its voucher, dated the payment date. Idempotent: a retry
   * with the same Idempotency-Key gets the first answer; the same key with another request is refused.
   * The answer is read after the commit (not while the union's posting lock is held) and then stored with
   * the key; a retry that comes between the two reads the claim itself.
   */
  async pay(unionId: string, id: string, dto: PayClaimDto, key: string | undefined, actor: Actor): Promise<ClaimResponse> {
    const idempotencyKey = requireIdempotencyKey(key, '支付请求');
    const request = { claimId: id, date: dto.date ?? null, bankReference: dto.bankReference ?? null, comment: dto.comment ?? null };
    const earlier = await this.db.transaction((em) =>
      this.keys.once<ClaimResponse | null>(em, unionId, idempotencyKey, 'claim.pay', request, async () => {
        await this.payOnce(em, unionId, id, dto, actor);
        return null;
      }),
    );
    if (earlier) return earlier;
    const response = await this.reader.get(unionId, id);
    await this.keys.remember(this.db.manager, unionId, idempotencyKey, response);
    return response;
  }

  private async payOnce(em: EntityManager, unionId: string, id: string, dto: PayClaimDto, actor: Actor): Promise<void> {
    const claim = await this.steps.lock(em, unionId, id);
    const to = this.steps.target(claim, 'pay');
    if (actor.id !== null && [claim.createdBy, claim.reviewedBy, claim.checkedBy].includes(actor.id)) {
      throw new AuthError('SOD_SELF_REVIEW', '出纳不能支付本人经办、制单或复核的报销单');
    }
    if (claim.payeeKind === 'bank' && !dto.bankReference) {
      throw new ClaimError('CLAIM_PAYEE_INVALID', '转账支付须填写银行流水号（bankReference）');
    }
    const settings = await this.rules.settingsOf(em, unionId);
    requireCashAllowed(claim.payeeKind, claim.amount, settings.cashLimit, settings.allowCashAboveLimit);
    // the money must be there as the cashier pays: under the posting lock, available funds of the account the
    // claim was reserved on (its reservation counted) are not negative — for cash too, which manual vouchers
    // may have spent since approval
    await this.books.lockPosting(em, unionId, { forWrite: true });
    await this.funds.requireFunds(em, unionId, await this.funds.reservedAccount(em, unionId, claim.reservationId!));
    const date = dto.date ?? this.clock.today();
    await this.vouchers.signAsCashier(em, unionId, claim.paymentVoucherId!, actor, date);
    await this.steps.record(em, claim, 'pay', actor, {
      patch: { status: to, paidBy: actor.id, paymentDate: date, paymentRef: dto.bankReference ?? null, paidAt: new Date() },
      comment: dto.comment,
      details: { voucherId: claim.paymentVoucherId, bankReference: dto.bankReference ?? null, date },
    });
  }

  /**
   * 记账: the paid claim's voucher is posted by anyone who may post but the cashier; its reservation is
   * consumed first, in the same transaction, so the posting takes the money from the balance once.
   */
  async post(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'post');
      if (actor.id !== null && actor.id === claim.paidBy) throw new AuthError('SOD_SELF_REVIEW', '出纳不能为自己付款的报销单记账');
      await this.funds.close(em, unionId, claim.reservationId!, 'consumed');
      const voucherId = claim.paymentVoucherId!;
      const posting = await this.vouchers.post(em, unionId, voucherId, actor);
      // what the voucher put on 固定资产 gets its cards (固定资产卡片), in the same transaction
      await this.assets.cardsForPurchase(em, unionId, { voucherId, claimId: claim.id, expenseAccount: claim.expenseAccount, name: claim.purpose }, actor);
      await this.steps.record(em, claim, 'post', actor, {
        patch: { status: to, voucherId },
        comment,
        details: { voucherId, voucherNumber: posting.number },
      });
    });
    return this.reader.get(unionId, id);
  }
}
