import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthError } from '../auth/auth.errors';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { LedgerClock } from '../ledger/ledger.clock';
import { WorkflowVouchersService } from '../ledger/vouchers/workflow-vouchers.service';
import { ClaimFundsRepository, payingAccount } from './claim-funds.repository';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { ClaimsService } from './claims.service';
import { requireCashAllowed } from './domain/claim.rules';
import { ClaimResponse } from './dto/claim-response.dto';
import { PayClaimDto } from './dto/claim-actions.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;

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
  ) {}

  /** 复核: someone other than the accountant who prepared the voucher (and the union's people) reviews it. */
  check(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    return this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'check');
      if (actor.id !== null && [claim.reviewedBy, claim.createdBy, claim.submittedBy, claim.approvedBy].includes(actor.id)) {
        throw new AuthError('SOD_SELF_REVIEW', '复核人不能是付款凭证的制单人，也不能是本报销单的经办人或审批人（审核 ≠ 制单）');
      }
      await this.vouchers.review(em, unionId, claim.paymentVoucherId!, actor);
      await this.steps.record(em, claim, 'check', actor, { patch: { status: to, checkedBy: actor.id }, comment, details: { voucherId: claim.paymentVoucherId } });
      return this.reader.read(em, unionId, id);
    });
  }

  /**
   * 付款: the cashier pays a checked claim and signs its voucher, dated the payment date. Idempotent: a retry
   * with the same Idempotency-Key gets the first answer; the same key with another request is refused.
   */
  pay(unionId: string, id: string, dto: PayClaimDto, key: string | undefined, actor: Actor): Promise<ClaimResponse> {
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ClaimError('IDEMPOTENCY_KEY_REQUIRED', '支付请求须带 Idempotency-Key 请求头（8–100 位字母、数字或 ._:-），重试时使用同一个值');
    }
    const requestHash = hashOf({ claimId: id, date: dto.date ?? null, bankReference: dto.bankReference ?? null, comment: dto.comment ?? null });
    return this.db.transaction(async (em) => {
      const earlier = await this.funds.claimKey(em, unionId, key, 'claim.pay', requestHash);
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          throw new ClaimError('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一笔不同的请求，请为新的支付使用新的值');
        }
        return earlier.response as ClaimResponse;
      }
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
      // the money must be there as the cashier pays: under the posting lock, available funds (this claim's
      // reservation counted) are not negative — for cash too, which manual vouchers may have spent meanwhile
      await this.books.lockPosting(em, unionId, { forWrite: true });
      await this.funds.requireFunds(em, unionId, payingAccount(claim.payeeKind));
      const date = dto.date ?? this.clock.today();
      await this.vouchers.signAsCashier(em, unionId, claim.paymentVoucherId!, actor, date);
      await this.steps.record(em, claim, 'pay', actor, {
        patch: { status: to, paidBy: actor.id, paymentDate: date, paymentRef: dto.bankReference ?? null, paidAt: new Date() },
        comment: dto.comment,
        details: { voucherId: claim.paymentVoucherId, bankReference: dto.bankReference ?? null, date },
      });
      const response = await this.reader.read(em, unionId, id);
      await this.funds.saveResponse(em, unionId, key, response);
      return response;
    });
  }

  /**
   * 记账: the paid claim's voucher is posted by anyone who may post but the cashier; its reservation is
   * consumed first, in the same transaction, so the posting takes the money from the balance once.
   */
  post(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    return this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'post');
      if (actor.id !== null && actor.id === claim.paidBy) throw new AuthError('SOD_SELF_REVIEW', '出纳不能为自己付款的报销单记账');
      await this.funds.close(em, unionId, claim.reservationId!, 'consumed');
      const voucherId = claim.paymentVoucherId!;
      const posting = await this.vouchers.post(em, unionId, voucherId, actor);
      await this.steps.record(em, claim, 'post', actor, {
        patch: { status: to, voucherId },
        comment,
        details: { voucherId, voucherNumber: posting.number },
      });
      return this.reader.read(em, unionId, id);
    });
  }
}

function hashOf(request: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
