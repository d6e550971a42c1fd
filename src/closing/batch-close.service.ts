import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { translateDatabaseError } from '../database/database-errors';
import { isTransientFailure } from '../jobs/job-failure';
import { ClosingVoucherResponse, PeriodResponse } from '../ledger/periods/dto/period.dto';
import { ClosingError } from './closing.errors';
import { ClosingService } from './closing.service';
import { BatchCloseResponse, BatchReason } from './dto/closing.dto';

/** Unions closed side by side: two cores, and each close mostly waits on the database. */
export const CONCURRENCY = 3;

/** The most unions the synchronous batch close takes (≈65 ms a union: a few seconds); more go to a close run. */
export const SYNC_BATCH_LIMIT = 50;

export interface BatchUnion {
  id: string;
  code: string;
  name: string;
  status: string;
}

export type UnionOutcome =
  | { kind: 'closed'; result: PeriodResponse }
  | { kind: 'already' }
  | { kind: 'refused' | 'failed'; reasons: BatchReason[] };

/** Records one union's outcome: inside the union's close transaction when it closed, was closed or was refused. */
export type OutcomeRecorder = (em: EntityManager, outcome: UnionOutcome) => Promise<void>;

export function closingVouchersOf(outcome: UnionOutcome): ClosingVoucherResponse[] {
  return outcome.kind === 'closed' ? (outcome.result.closingVouchers ?? []) : [];
}

/**
 * 批量结账: month M for every union of a center (or those named), each in its own transaction, so one
 * union that cannot close never holds back the others. Used by the close run (a background job, any number
 * of unions) and by the synchronous route (at most SYNC_BATCH_LIMIT unions). Every union ends closed now,
 * closed before, refused with every reason (drafts, claims awaiting payment, an earlier month still open, …)
 * or failed (a fault of the system, logged).
 */
@Injectable()
export class BatchCloseService {
  private readonly log = new Logger('closing');

  constructor(
    private readonly db: Database,
    private readonly closing: ClosingService,
  ) {}

  /** The unions of the center (those of `unionIds` only, when given), in code order. */
  unionsOf(em: EntityManager, centerId: string, unionIds: string[] | undefined): Promise<BatchUnion[]> {
    return em.query(
      `SELECT id, code, name, status FROM unions WHERE center_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY code`,
      [centerId, unionIds ?? null],
    );
  }

  async closeCenter(centerId: string, periodText: string, unionIds: string[] | undefined, actor: Actor): Promise<BatchCloseResponse> {
    const period = parsePeriod(periodText);
    const unions = await this.unionsOf(this.db.manager, centerId, unionIds);
    if (unions.length > SYNC_BATCH_LIMIT) {
      throw new ClosingError('CLOSE_BATCH_TOO_LARGE', `一次最多结账 ${SYNC_BATCH_LIMIT} 个工会（本次 ${unions.length} 个）：请用后台批量结账（POST /api/centers/{centerId}/close-runs）`, {
        unions: unions.length,
        limit: SYNC_BATCH_LIMIT,
      });
    }
    const out: BatchCloseResponse = { period: formatPeriod(period), unions: unions.length, closed: [], alreadyClosed: [], refused: [], warnings: [] };
    const known = new Set(unions.map((u) => u.id));
    for (const id of unionIds ?? []) {
      if (!known.has(id)) out.refused.push({ unionId: id, code: '', name: '', reasons: [{ code: 'NOT_FOUND', message: '工会不存在或不属于本中心' }] });
    }
    await this.each(unions, async (u) => {
      const outcome = await this.closeUnion(u, period, actor);
      const who = { unionId: u.id, code: u.code, name: u.name };
      if (outcome.kind === 'closed') out.closed.push({ ...who, result: outcome.result });
      else if (outcome.kind === 'already') out.alreadyClosed.push(who);
      else out.refused.push({ ...who, reasons: outcome.reasons });
    });
    const order = new Map(unions.map((u, i) => [u.id, i]));
    const byCode = (a: { unionId: string }, b: { unionId: string }) => (order.get(a.unionId) ?? -1) - (order.get(b.unionId) ?? -1);
    out.closed.sort(byCode);
    out.alreadyClosed.sort(byCode);
    out.refused.sort(byCode);
    return out;
  }

  /**
   * Runs `work` for every union, CONCURRENCY at a time, until `stop()` says so. Every worker finishes the
   * union it holds; the first error is thrown once all have stopped (no union is left half-way).
   */
  async each(unions: BatchUnion[], work: (u: BatchUnion) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
    let next = 0;
    let failure: { err: unknown } | null = null;
    const worker = async () => {
      for (let u = unions[next++]; u && !failure && !stop(); u = unions[next++]) {
        try {
          await work(u);
        } catch (err) {
          failure ??= { err };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unions.length) }, worker));
    if (failure) throw (failure as { err: unknown }).err;
  }

  /**
   * One union's close in its own transaction; `record` (a close run's report) is written in that same
   * transaction, so the close and its record commit together. A failure of the system is that union's
   * outcome (recorded on its own), unless `transientThrows` and it may pass on a retry: then it is thrown and
   * the union stays to be done.
   */
  async closeUnion(u: BatchUnion, period: number, actor: Actor, record?: OutcomeRecorder, transientThrows = false): Promise<UnionOutcome> {
    if (u.status === 'withdrawn') {
      const outcome: UnionOutcome = { kind: 'refused', reasons: [{ code: 'UNION_WITHDRAWN', message: '工会已退出集中核算，账簿只读' }] };
      await record?.(this.db.manager, outcome);
      return outcome;
    }
    let outcome: UnionOutcome;
    try {
      return await this.db.transaction(async (em) => {
        const attempt = await this.closing.attempt(em, u.id, period, actor);
        const done: UnionOutcome =
          attempt.state === 'refused' ? { kind: 'refused', reasons: attempt.problems.map(reason) } : attempt.state === 'already' ? { kind: 'already' } : { kind: 'closed', result: attempt.result };
        await record?.(em, done);
        return done;
      });
    } catch (err) {
      if (transientThrows && isTransientFailure(err)) throw err;
      const known = err instanceof DomainError ? err : translateDatabaseError(err);
      // one union's fault is that union's: logged, reported, and the others go on
      if (!known) this.log.error(`batch close of ${u.id} ${formatPeriod(period)} failed: ${(err as Error).stack ?? err}`);
      outcome = known
        ? { kind: 'refused', reasons: [reason(known)] }
        : { kind: 'failed', reasons: [{ code: 'INTERNAL_ERROR', message: '结账失败（系统错误），请单独结账该工会或联系管理员' }] };
    }
    await record?.(this.db.manager, outcome);
    return outcome;
  }
}

function reason(e: DomainError): BatchReason {
  return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
}
