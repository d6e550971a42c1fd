import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../../audit/audit.service';
import { AuthError } from '../../auth/auth.errors';
import { notFound } from '../../common/errors/common.errors';
import { Actor } from '../../common/http/actor.decorator';
import { periodOfDate } from '../../common/period';
import { LedgerError } from '../ledger.errors';
import { fromStoredLines } from './voucher.mapper';
import { VoucherSource } from './voucher.entity';
import { Posting, VoucherHeader, VouchersRepository } from './vouchers.repository';
import { NewVoucher, selfReview, VouchersService } from './vouchers.service';

/**
 * Vouchers a workflow carries from draft to books inside its own transactions — a claim's payment voucher:
 * prepared (制单) by the reviewing accountant, reviewed (审核) by another person, signed by the cashier who
 * paid (出纳) and posted (记账). Each step is checked against the books again; the people are checked here
 * and, at posting, by the database (trigger `vouchers_people`).
 */
@Injectable()
export class WorkflowVouchersService {
  constructor(
    private readonly vouchers: VouchersRepository,
    private readonly service: VouchersService,
    private readonly audit: AuditService,
  ) {}

  /** 制单: a draft of the workflow's voucher; returns its id (the posted voucher will keep it). */
  async prepare(em: EntityManager, unionId: string, input: NewVoucher, who: { source: VoucherSource; preparer: Actor }): Promise<string> {
    const { voucher } = await this.service.validate(em, unionId, input);
    const id = uuidv7();
    await this.vouchers.insertDrafts(em, [{ unionId, id, voucher, source: who.source, preparer: who.preparer }]);
    return id;
  }

  /** 审核: by someone other than its preparer; the voucher must still stand against the books. */
  async review(em: EntityManager, unionId: string, id: string, reviewer: Actor): Promise<void> {
    const draft = await this.draft(em, unionId, id);
    if (draft.preparerId !== null && draft.preparerId === reviewer.id) throw selfReview();
    await this.revalidate(em, unionId, draft, draft.date);
    await this.vouchers.setDraftReviewer(em, unionId, id, reviewer);
    await this.audit.record(em, reviewer, [{ unionId, action: 'voucher.review', entityType: 'voucher', entityId: id, after: { reviewer: reviewer.name } }]);
  }

  /** 出纳: the cashier who paid signs it, and it takes the payment's date; never its reviewer. */
  async signAsCashier(em: EntityManager, unionId: string, id: string, cashier: Actor, date: string): Promise<void> {
    const draft = await this.draft(em, unionId, id);
    if (cashier.id !== null && (cashier.id === draft.reviewerId || cashier.id === draft.preparerId)) {
      throw new AuthError('SOD_SELF_REVIEW', '出纳不能是本凭证的制单人或审核人');
    }
    await this.revalidate(em, unionId, draft, date);
    await this.vouchers.setDraftCashier(em, unionId, id, cashier, date, periodOfDate(date));
    await this.audit.record(em, cashier, [{ unionId, action: 'voucher.cashier', entityType: 'voucher', entityId: id, after: { cashier: cashier.name, date } }]);
  }

  /** 记账: posts the draft as reviewed and signed; the poster is never its cashier. */
  async post(em: EntityManager, unionId: string, id: string, poster: Actor): Promise<Posting> {
    const draft = await this.draft(em, unionId, id);
    if (poster.id !== null && poster.id === draft.cashierId) throw new AuthError('SOD_SELF_REVIEW', '出纳不能为自己付款的凭证记账');
    const voucher = await this.revalidate(em, unionId, draft, draft.date);
    const person = (name: string | null, personId: string | null) => (name ? { id: personId, name } : null);
    const [posting] = await this.vouchers.insertPosted(em, [
      {
        unionId,
        id,
        voucher,
        source: draft.source,
        preparer: { id: draft.preparerId, name: draft.preparer },
        reviewer: person(draft.reviewer, draft.reviewerId),
        cashier: person(draft.cashier, draft.cashierId),
        poster,
        preparedAt: draft.createdAt,
        draftVersion: draft.version ?? 1,
      },
    ]);
    if (!posting) throw new LedgerError('VOUCHER_CHANGED', '凭证在记账前被修改或删除，请重新查看');
    return posting;
  }

  /** A draft the workflow no longer needs (its claim returned or cancelled). */
  discard(em: EntityManager, unionId: string, id: string, actor: Actor): Promise<void> {
    return this.service.discardDraftInTransaction(em, unionId, id, actor);
  }

  private async draft(em: EntityManager, unionId: string, id: string): Promise<VoucherHeader> {
    const draft = await this.vouchers.lockDraft(em, unionId, id);
    if (!draft) throw notFound('凭证', { voucherId: id });
    return draft;
  }

  private async revalidate(em: EntityManager, unionId: string, draft: VoucherHeader, date: string) {
    const lines = fromStoredLines(await this.vouchers.draftLines(em, unionId, draft.id));
    const { voucher } = await this.service.validate(em, unionId, { ...draft, date, lines });
    return voucher;
  }
}
