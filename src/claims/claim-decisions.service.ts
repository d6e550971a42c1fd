import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Actor } from '../common/http/actor.decorator';
import { AuthError } from '../auth/auth.errors';
import { Database } from '../database/database.service';
import { LedgerClock } from '../ledger/ledger.clock';
import { LedgerSettingsRepository } from '../ledger/settings/ledger-settings.repository';
import { WorkflowVouchersService } from '../ledger/vouchers/workflow-vouchers.service';
import { ClaimDocumentsRepository } from './claim-documents.repository';
import { ClaimFundsRepository } from './claim-funds.repository';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { ClaimHeader, ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { BudgetsService } from '../budgets/budgets.service';
import { capitalisation } from './domain/capitalisation.rules';
import { paymentLines, requireCommitteeDecision } from './domain/claim.rules';
import { ClaimResponse } from './dto/claim-response.dto';
import { ApproveClaimDto, ReviewClaimDto } from './dto/claim-actions.dto';

/**
 * The decisions on a submitted claim: the chair's approval (事前) with its fund reservation, and the center
 * accountant's review (事中). Nobody decides on a claim they raised, and the reviewer is not the approver.
 */
@Injectable()
export class ClaimDecisionsService {
  constructor(
    private readonly db: Database,
    private readonly documents: ClaimDocumentsRepository,
    private readonly funds: ClaimFundsRepository,
    private readonly rules: ClaimRulesService,
    private readonly steps: ClaimSteps,
    private readonly reader: ClaimsService,
    private readonly claims: ClaimsRepository,
    private readonly ledgerSettings: LedgerSettingsRepository,
    private readonly vouchers: WorkflowVouchersService,
    private readonly clock: LedgerClock,
    private readonly budgets: BudgetsService,
  ) {}

  /**
   * 审批: above the center's threshold only with a committee decision. Reserves the amount on the union's
   * bank share (cash on hand for cash claims); the database refuses a reservation beyond available funds.
   */
  async approve(unionId: string, id: string, dto: ApproveClaimDto, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'approve');
      refuseOwn(claim, actor);
      const committee = { date: dto.committee?.date ?? claim.committeeDate, ref: dto.committee?.minutesRef ?? claim.committeeRef };
      const settings = await this.rules.settingsOf(em, unionId);
      requireCommitteeDecision(claim.amount, settings.committeeThreshold, committee);
      await this.budgets.requireWithinBudget(em, claim);
      const reservationId = uuidv7();
      await this.funds.reserve(em, unionId, {
        id: reservationId,
        sourceId: uuidv7(),
        accountCode: await this.funds.payingAccount(em, unionId, claim.payeeKind),
        amount: claim.amount,
      });
      await this.steps.record(em, claim, 'approve', actor, {
        patch: { status: to, approvedBy: actor.id, reservationId, committeeDate: committee.date, committeeRef: committee.ref },
        comment: dto.comment,
        details: committee.date ? { committee: { date: committee.date, minutesRef: committee.ref } } : undefined,
      });
    });
    return this.reader.get(unionId, id);
  }

  /** 驳回: final; the claim's documents may back a new claim. */
  async reject(unionId: string, id: string, reason: string, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'reject');
      refuseOwn(claim, actor);
      await this.documents.release(em, unionId, id);
      await this.steps.record(em, claim, 'reject', actor, { patch: { status: to }, comment: reason });
    });
    return this.reader.get(unionId, id);
  }

  /**
   * 审核 and 制单: the rules again, now with every other claim of the member-year counted (the accountant
   * returns what fails); then the reviewing accountant prepares the payment voucher — Dr the expense, Cr the
   * paying account, and for the lines that are fixed assets at the center's thresholds (第三十二条) Dr 162 /
   * Cr 30104 — which another person reviews before the cashier pays.
   */
  async review(unionId: string, id: string, dto: ReviewClaimDto, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'review');
      if (actor.id !== null && [claim.createdBy, claim.submittedBy, claim.approvedBy].includes(actor.id)) {
        throw new AuthError('SOD_SELF_REVIEW', '审核人不能是本报销单的经办人或审批人');
      }
      await this.budgets.requireWithinBudget(em, claim);
      const report = await this.rules.requirePassing(em, claim, '报销单不符合审核规则，请退回');
      const settings = await this.ledgerSettings.settingsOfUnion(em, unionId);
      const thresholds = { general: settings.generalEquipmentThreshold, special: settings.specialEquipmentThreshold };
      const fixedAssets = capitalisation(claim.expenseAccount, await this.claims.lines(em, unionId, id), thresholds, dto.bulkFixedAssets ?? false);
      const attachments = await this.documents.list(em, unionId, id);
      const voucherId = await this.vouchers.prepare(
        em,
        unionId,
        {
          date: this.clock.today(),
          red: false,
          attachmentCount: attachments.length,
          lines: paymentLines({ ...claim, creditAccount: await this.funds.reservedAccount(em, unionId, claim.reservationId!), fixedAssets }),
        },
        { source: 'claim', preparer: actor },
      );
      await this.claims.saveFixedAssets(em, unionId, id, fixedAssets);
      await this.steps.record(em, claim, 'review', actor, {
        patch: { status: to, reviewedBy: actor.id, reviewedByName: actor.name, paymentVoucherId: voucherId },
        comment: dto.comment,
        details: {
          ruleSet: report.ruleSet.name,
          rules: report.results.map((r) => r.rule),
          voucherId,
          fixedAssets: fixedAssets.map((f) => ({ line: f.lineNo, category: f.category, amount: f.amount.toFixed(2) })),
        },
      });
    });
    return this.reader.get(unionId, id);
  }

  /** 退回: back to the union with reasons; the reservation is released, approval starts again on resubmission. */
  async return(unionId: string, id: string, reason: string, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'return');
      if (claim.reservationId) await this.funds.close(em, unionId, claim.reservationId, 'released');
      await this.steps.discardPaymentVoucher(em, claim, actor);
      await this.steps.record(em, claim, 'return', actor, {
        patch: { status: to, submittedBy: null, approvedBy: null, reviewedBy: null, reviewedByName: null, checkedBy: null, paymentVoucherId: null },
        comment: reason,
      });
    });
    return this.reader.get(unionId, id);
  }
}

/** 审批人不得审批本人经办的报销. */
function refuseOwn(claim: ClaimHeader, actor: Actor): void {
  if (actor.id !== null && (claim.createdBy === actor.id || claim.submittedBy === actor.id)) {
    throw new ClaimError('SELF_APPROVAL_FORBIDDEN', '不能审批本人经办或提交的报销单，请由工会其他负责人审批');
  }
}
