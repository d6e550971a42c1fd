import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, parsePeriod } from '../common/period';
import { Database } from '../database/database.service';
import { translateDatabaseError } from '../database/database-errors';
import { ClosingService } from './closing.service';
import { BatchCloseResponse, BatchReason } from './dto/closing.dto';

/** Unions closed side by side: two cores, and each close mostly waits on the database. */
const CONCURRENCY = 3;

interface UnionRow {
  id: string;
  code: string;
  name: string;
  status: string;
}

/**
 * 批量结账: month M for every union of a center (or those named), each in its own transaction, so one
 * union that cannot close never holds back the others. The answer names every union: closed now, closed
 * before, or refused with every reason (drafts, claims awaiting payment, an earlier month still open, …).
 */
@Injectable()
export class BatchCloseService {
  private readonly log = new Logger('closing');

  constructor(
    private readonly db: Database,
    private readonly closing: ClosingService,
  ) {}

  async closeCenter(centerId: string, periodText: string, unionIds: string[] | undefined, actor: Actor): Promise<BatchCloseResponse> {
    const period = parsePeriod(periodText);
    const unions: UnionRow[] = await this.db.manager.query(
      `SELECT id, code, name, status FROM unions WHERE center_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY code`,
      [centerId, unionIds ?? null],
    );
    const out: BatchCloseResponse = { period: formatPeriod(period), unions: unions.length, closed: [], alreadyClosed: [], refused: [], warnings: [] };
    const known = new Set(unions.map((u) => u.id));
    for (const id of unionIds ?? []) {
      if (!known.has(id)) out.refused.push({ unionId: id, code: '', name: '', reasons: [{ code: 'NOT_FOUND', message: '工会不存在或不属于本中心' }] });
    }
    let next = 0;
    const worker = async () => {
      for (let u = unions[next++]; u; u = unions[next++]) await this.closeOne(u, period, actor, out);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unions.length) }, worker));
    const order = new Map(unions.map((u, i) => [u.id, i]));
    const byCode = (a: { unionId: string }, b: { unionId: string }) => (order.get(a.unionId) ?? -1) - (order.get(b.unionId) ?? -1);
    out.closed.sort(byCode);
    out.alreadyClosed.sort(byCode);
    out.refused.sort(byCode);
    return out;
  }

  private async closeOne(u: UnionRow, period: number, actor: Actor, out: BatchCloseResponse): Promise<void> {
    const who = { unionId: u.id, code: u.code, name: u.name };
    if (u.status === 'withdrawn') {
      out.refused.push({ ...who, reasons: [{ code: 'UNION_WITHDRAWN', message: '工会已退出集中核算，账簿只读' }] });
      return;
    }
    try {
      const outcome = await this.db.transaction((em) => this.closing.attempt(em, u.id, period, actor));
      if (outcome.state === 'refused') out.refused.push({ ...who, reasons: outcome.problems.map(reason) });
      else if (outcome.state === 'already') out.alreadyClosed.push(who);
      else out.closed.push({ ...who, result: outcome.result });
    } catch (err) {
      const known = err instanceof DomainError ? err : translateDatabaseError(err);
      // one union's fault is that union's: logged, reported, and the others go on
      if (!known) this.log.error(`batch close of ${u.id} ${formatPeriod(period)} failed: ${(err as Error).stack ?? err}`);
      out.refused.push({ ...who, reasons: [known ? reason(known) : { code: 'INTERNAL_ERROR', message: '结账失败（系统错误），请单独结账该工会或联系管理员' }] });
    }
  }
}

function reason(e: DomainError): BatchReason {
  return { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
}
