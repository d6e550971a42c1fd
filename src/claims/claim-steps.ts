import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { WorkflowVouchersService } from '../ledger/vouchers/workflow-vouchers.service';
import { ClaimHeader, ClaimPatch, ClaimsRepository } from './claims.repository';
import { ClaimAction, transition } from './domain/claim.rules';

/**
 * One workflow step, the same way for every action: the claim locked, the transition checked, the header
 * changed, the step appended to the claim's history and to the audit trail, in the caller's transaction.
 */
@Injectable()
export class ClaimSteps {
  constructor(
    private readonly claims: ClaimsRepository,
    private readonly audit: AuditService,
    private readonly vouchers: WorkflowVouchersService,
  ) {}

  async lock(em: EntityManager, unionId: string, id: string): Promise<ClaimHeader> {
    const claim = await this.claims.find(em, unionId, id, { lock: true });
    if (!claim) throw notFound('报销单', { claimId: id });
    return claim;
  }

  /** Checks the action may start from the claim's state; returns the state it leads to. */
  target(claim: ClaimHeader, action: ClaimAction): ClaimHeader['status'] {
    return transition(claim.status, action);
  }

  async record(
    em: EntityManager,
    claim: ClaimHeader,
    action: ClaimAction | 'create',
    actor: Actor,
    opts: { patch?: ClaimPatch; comment?: string | null; details?: Record<string, unknown> } = {},
  ): Promise<void> {
    const to = opts.patch?.status ?? claim.status;
    if (opts.patch && Object.keys(opts.patch).length > 0) await this.claims.update(em, claim.unionId, claim.id, opts.patch);
    await this.claims.addEvent(em, claim.unionId, claim.id, {
      action,
      fromStatus: action === 'create' ? null : claim.status,
      toStatus: to,
      actorId: actor.id,
      actorName: actor.name,
      comment: opts.comment ?? null,
      details: opts.details ?? null,
    });
    await this.audit.record(em, actor, [
      {
        unionId: claim.unionId,
        action: `claim.${action}`,
        entityType: 'claim',
        entityId: claim.id,
        before: action === 'create' ? undefined : { status: claim.status, amount: claim.amount.toFixed(2), version: claim.version },
        after: { number: claim.number, status: to, ...(opts.comment ? { comment: opts.comment } : {}), ...(opts.details ?? {}) },
      },
    ]);
  }

  /** A claim sent back or cancelled before payment loses its payment voucher draft and its capitalisation. */
  async discardPaymentVoucher(em: EntityManager, claim: ClaimHeader, actor: Actor): Promise<void> {
    if (!claim.paymentVoucherId) return;
    await this.vouchers.discard(em, claim.unionId, claim.paymentVoucherId, actor);
    await this.claims.clearFixedAssets(em, claim.unionId, claim.id);
  }
}
