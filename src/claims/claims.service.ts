import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { periodOfDate } from '../common/period';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { formatVoucherNumber } from '../ledger/domain/voucher-type';
import { ClaimDocumentsRepository } from './claim-documents.repository';
import { ClaimFundsRepository } from './claim-funds.repository';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSteps } from './claim-steps';
import { ClaimError } from './claims.errors';
import { ClaimHeader, ClaimsRepository } from './claims.repository';
import { presentClaim, presentClaimSummary } from './claims.presenter';
import { ClaimDraftInput, requireCashAllowed, validateClaim } from './domain/claim.rules';
import { ClaimResponse, ClaimSummaryResponse } from './dto/claim-response.dto';
import { CreateClaimDto, ListClaimsQuery, UpdateClaimDto } from './dto/claim.dto';

/** States whose compliance is still a question (shown to whoever decides next). */
const OPEN_STATES = new Set(['draft', 'submitted', 'approved', 'reviewed', 'checked', 'returned']);

/**
 * The clerk's side of a claim: drafting, submitting (the rules must pass), withdrawing and cancelling; and
 * reading claims with their history and rule results. One transaction per command.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly claims: ClaimsRepository,
    private readonly documents: ClaimDocumentsRepository,
    private readonly funds: ClaimFundsRepository,
    private readonly rules: ClaimRulesService,
    private readonly steps: ClaimSteps,
  ) {}

  async create(unionId: string, dto: CreateClaimDto, actor: Actor): Promise<ClaimResponse> {
    const input = draftInput(dto);
    const valid = validateClaim(input);
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      await this.checkBooks(em, unionId, dto.eventDate, input, valid.amount);
      const number = await this.claims.nextNumber(em, unionId, Number(dto.eventDate.slice(0, 4)));
      const claim: Omit<ClaimHeader, 'unionId' | 'version' | 'createdAt' | 'updatedAt'> = {
        ...emptyWorkflow(),
        ...contentOf(dto, input, valid.amount),
        id,
        number,
        status: 'draft',
        createdBy: actor.id,
        createdByName: actor.name,
      };
      await this.claims.insert(em, unionId, claim);
      await this.claims.replaceDetails(em, unionId, id, input.lines, valid.beneficiaries);
      const created = (await this.claims.find(em, unionId, id))!;
      await this.steps.record(em, created, 'create', actor, { details: { amount: valid.amount.toFixed(2) } });
    });
    return this.get(unionId, id);
  }

  /** A draft or a returned claim, changed by whoever holds it on the union's side. */
  async update(unionId: string, id: string, dto: UpdateClaimDto, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      this.steps.target(claim, 'edit');
      const merged = { ...(await this.currentInput(em, claim)), ...stripUndefined(dto) } as CreateClaimDto;
      const input = draftInput(merged);
      const valid = validateClaim(input);
      await this.checkBooks(em, unionId, merged.eventDate, input, valid.amount);
      await this.claims.replaceDetails(em, unionId, id, input.lines, valid.beneficiaries);
      await this.steps.record(em, claim, 'edit', actor, {
        patch: contentOf(merged, input, valid.amount),
        details: { amount: valid.amount.toFixed(2) },
      });
    });
    return this.get(unionId, id);
  }

  /** 提交: every rule of the set in force must pass; the refusal lists each rule with its result. */
  async submit(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'submit');
      const report = await this.rules.requirePassing(em, claim, '报销单不符合审核规则');
      await this.steps.record(em, claim, 'submit', actor, {
        patch: { status: to, submittedBy: actor.id },
        comment,
        details: { ruleSet: report.ruleSet.name },
      });
    });
    return this.get(unionId, id);
  }

  async withdraw(unionId: string, id: string, comment: string | undefined, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'withdraw');
      await this.steps.record(em, claim, 'withdraw', actor, { patch: { status: to, submittedBy: null }, comment });
    });
    return this.get(unionId, id);
  }

  /** 作废: until payment. Releases the reservation and frees the claim's documents for another claim. */
  async cancel(unionId: string, id: string, reason: string, actor: Actor): Promise<ClaimResponse> {
    await this.db.transaction(async (em) => {
      const claim = await this.steps.lock(em, unionId, id);
      const to = this.steps.target(claim, 'cancel');
      if (claim.reservationId && ['approved', 'reviewed', 'checked'].includes(claim.status)) {
        await this.funds.close(em, unionId, claim.reservationId, 'released');
      }
      await this.steps.discardPaymentVoucher(em, claim, actor);
      await this.documents.release(em, unionId, id);
      await this.steps.record(em, claim, 'cancel', actor, { patch: { status: to }, comment: reason });
    });
    return this.get(unionId, id);
  }

  async get(unionId: string, id: string): Promise<ClaimResponse> {
    return this.read(this.db.manager, unionId, id);
  }

  async list(unionId: string, query: ListClaimsQuery & { page: number; pageSize: number }): Promise<Page<ClaimSummaryResponse>> {
    const page = await this.claims.list(this.db.manager, unionId, query);
    return { ...page, items: page.items.map(presentClaimSummary) };
  }

  async read(em: EntityManager, unionId: string, id: string): Promise<ClaimResponse> {
    const claim = await this.claims.find(em, unionId, id);
    if (!claim) throw notFound('报销单', { claimId: id });
    const voucherId = claim.paymentVoucherId;
    const ref = voucherId ? await this.claims.voucherRef(em, unionId, voucherId) : null;
    const beneficiaries = await this.claims.beneficiaries(em, unionId, id);
    const attachments = await this.documents.list(em, unionId, id);
    return presentClaim({
      claim,
      lines: await this.claims.lines(em, unionId, id),
      beneficiaries,
      attachments,
      events: await this.claims.events(em, unionId, id),
      compliance: OPEN_STATES.has(claim.status)
        ? await this.rules.evaluate(em, claim, { beneficiaries, documents: [...new Set(attachments.map((a) => a.kind))] })
        : null,
      voucher: ref && voucherId ? { id: voucherId, number: ref.number === null ? null : formatVoucherNumber(ref.type, ref.period, ref.number), status: ref.number === null ? 'draft' : 'posted' } : null,
      fixedAssets: await this.claims.fixedAssets(em, unionId, id),
    });
  }

  /** What needs the books: the expense account is an active leaf of this union, the project exists, cash within limits. */
  private async checkBooks(em: EntityManager, unionId: string, eventDate: string, input: ClaimDraftInput, amount: Decimal): Promise<void> {
    const ctx = await this.books.voucherContext(em, unionId, {
      period: periodOfDate(eventDate),
      accountCodes: [input.expenseAccount],
      projectCodes: input.projectCode ? [input.projectCode] : [],
    });
    const account = ctx.accounts.get(input.expenseAccount);
    if (!account) throw new ClaimError('CLAIM_ACCOUNT_INVALID', `科目 ${input.expenseAccount} 不存在`);
    if (!account.isLeaf) throw new ClaimError('CLAIM_ACCOUNT_INVALID', `${account.code} ${account.name} 有下级科目，请选择末级科目`);
    if (!account.isActive) throw new ClaimError('CLAIM_ACCOUNT_INVALID', `科目 ${account.code} ${account.name} 已停用`);
    if (input.projectCode && !ctx.projects.get(input.projectCode)?.isActive) {
      throw new ClaimError('CLAIM_ACCOUNT_INVALID', `项目 ${input.projectCode} 不存在或已停用`);
    }
    const settings = await this.rules.settingsOf(em, unionId);
    requireCashAllowed(input.payee.kind, amount, settings.cashLimit, settings.allowCashAboveLimit);
  }

  private async currentInput(em: EntityManager, c: ClaimHeader): Promise<CreateClaimDto> {
    return {
      kind: c.kind,
      occasion: c.occasion ?? undefined,
      purpose: c.purpose,
      eventDate: c.eventDate,
      expenseAccount: c.expenseAccount,
      fundType: c.fundType,
      project: c.projectCode ?? undefined,
      payee: { kind: c.payeeKind, name: c.payeeName, bank: c.payeeBank ?? undefined, account: c.payeeAccount ?? undefined },
      lines: (await this.claims.lines(em, c.unionId, c.id)).map((l) => ({
        description: l.description,
        quantity: l.quantity.toString(),
        unitPrice: l.unitPrice.toFixed(2),
        amount: l.amount.toFixed(2),
      })),
      beneficiaries: (await this.claims.beneficiaries(em, c.unionId, c.id)).map((b) => ({ member: b.member, name: b.name })),
      committee: c.committeeDate && c.committeeRef ? { date: c.committeeDate, minutesRef: c.committeeRef } : undefined,
    };
  }
}

function draftInput(dto: CreateClaimDto): ClaimDraftInput {
  return {
    kind: dto.kind,
    occasion: dto.occasion ?? null,
    expenseAccount: dto.expenseAccount,
    fundType: dto.fundType ?? 'unrestricted',
    projectCode: dto.project ?? null,
    payee: { kind: dto.payee.kind, name: dto.payee.name, bank: dto.payee.bank ?? null, account: dto.payee.account ?? null },
    lines: dto.lines.map((l) => ({
      description: l.description,
      quantity: new Decimal(l.quantity),
      unitPrice: new Decimal(l.unitPrice),
      amount: new Decimal(l.amount),
    })),
    beneficiaries: dto.beneficiaries ?? [],
  };
}

/** The header fields a claim's content sets, from a whole request (an edit merges onto the stored claim first). */
function contentOf(dto: CreateClaimDto, input: ClaimDraftInput, amount: Decimal) {
  return {
    kind: input.kind,
    occasion: input.occasion,
    purpose: dto.purpose,
    eventDate: dto.eventDate,
    expenseAccount: input.expenseAccount,
    fundType: input.fundType,
    projectCode: input.projectCode,
    amount,
    payeeKind: input.payee.kind,
    payeeName: input.payee.name,
    payeeBank: input.payee.bank,
    payeeAccount: input.payee.account,
    committeeDate: dto.committee?.date ?? null,
    committeeRef: dto.committee?.minutesRef ?? null,
  };
}

function emptyWorkflow() {
  return {
    submittedBy: null,
    approvedBy: null,
    reviewedBy: null,
    reviewedByName: null,
    checkedBy: null,
    paidBy: null,
    reservationId: null,
    paymentVoucherId: null,
    voucherId: null,
    paymentDate: null,
    paymentRef: null,
    paidAt: null,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
