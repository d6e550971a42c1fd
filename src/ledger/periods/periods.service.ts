import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/http/actor.decorator';
import { formatPeriod, lastDayOf, parsePeriod, periodOfDate, periodsBetween, previousPeriod } from '../../common/period';
import { AuditService } from '../../audit/audit.service';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { LedgerClock } from '../ledger.clock';
import { LedgerError } from '../ledger.errors';
import { PeriodResponse } from './dto/period.dto';
import { PeriodStats, PeriodsRepository } from './periods.repository';

/**
 * 结账 and 反结账. Periods close in order, once the month has ended and no draft is left in it (会计软件
 * 基本功能和服务规范 第二十四条); they reopen latest first, with a reason on record. Both hold the union's
 * periods lock exclusively, so no voucher of the union is being written meanwhile.
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly periods: PeriodsRepository,
    private readonly clock: LedgerClock,
    private readonly audit: AuditService,
  ) {}

  close(unionId: string, periodText: string, actor: Actor): Promise<PeriodResponse> {
    const period = parsePeriod(periodText);
    return this.db.transaction(async (em) => {
      const union = await this.books.lockPeriods(em, unionId, { forWrite: true });
      if (period < union.firstPeriod) {
        throw new LedgerError('PERIOD_BEFORE_START', `${periodText} 早于本工会启用期间 ${formatPeriod(union.firstPeriod)}`);
      }
      if (this.clock.today() < lastDayOf(period)) {
        throw new LedgerError('PERIOD_NOT_ENDED', `${periodText} 尚未到月末，不能结账`);
      }
      const row = await this.periods.lock(em, unionId, period);
      if (row.status === 'closed') throw new LedgerError('PERIOD_ALREADY_CLOSED', `${periodText} 已经结账`);
      if (period > union.firstPeriod) {
        const earlier = periodsBetween(union.firstPeriod, previousPeriod(period));
        const closed = await this.periods.closedPeriods(em, unionId, union.firstPeriod, previousPeriod(period));
        const open = earlier.find((p) => !closed.has(p));
        if (open !== undefined) {
          throw new LedgerError('PERIOD_EARLIER_OPEN', `请先结账 ${formatPeriod(open)}：结账须按月份顺序进行`, {
            openPeriod: formatPeriod(open),
          });
        }
      }
      const drafts = await this.periods.draftCount(em, unionId, period);
      if (drafts > 0) {
        throw new LedgerError('PERIOD_HAS_DRAFTS', `${periodText} 还有 ${drafts} 张未过账凭证，过账或删除后才能结账`, { drafts });
      }
      await this.periods.recordEvent(em, { unionId, period, action: 'close', reason: null, actor: actor.name, actorId: actor.id });
      await this.periods.markClosed(em, unionId, period, actor.name);
      await this.audit.record(em, actor, [{ unionId, action: 'period.close', entityType: 'period', entityId: periodText, after: { status: 'closed' } }]);
      return this.describe(em, unionId, period);
    });
  }

  reopen(unionId: string, periodText: string, reason: string, actor: Actor): Promise<PeriodResponse> {
    const period = parsePeriod(periodText);
    return this.db.transaction(async (em) => {
      await this.books.lockPeriods(em, unionId, { forWrite: true });
      const row = await this.periods.lock(em, unionId, period);
      if (row.status !== 'closed') throw new LedgerError('PERIOD_NOT_CLOSED', `${periodText} 未结账，无需反结账`);
      const later = await this.periods.laterClosed(em, unionId, period);
      if (later !== undefined) {
        throw new LedgerError('PERIOD_LATER_CLOSED', `请先反结账 ${formatPeriod(later)}：反结账须从最近结账的月份开始`, {
          closedPeriod: formatPeriod(later),
        });
      }
      await this.periods.recordEvent(em, { unionId, period, action: 'reopen', reason: reason.trim(), actor: actor.name, actorId: actor.id });
      await this.periods.markOpen(em, unionId, period);
      await this.audit.record(em, actor, [
        { unionId, action: 'period.reopen', entityType: 'period', entityId: periodText, before: { status: 'closed' }, after: { status: 'open', reason: reason.trim() } },
      ]);
      return this.describe(em, unionId, period);
    });
  }

  /** From the first period to the later of this month and the last period in use, unless narrowed. */
  async list(unionId: string, from?: string, to?: string): Promise<PeriodResponse[]> {
    const em = this.db.manager;
    const union = await this.books.findUnion(em, unionId, { forWrite: false });
    const lastUsed = (await this.periods.lastUsedPeriod(em, unionId)) ?? union.firstPeriod;
    const start = from ? parsePeriod(from) : union.firstPeriod;
    const end = to ? parsePeriod(to) : Math.max(periodOfDate(this.clock.today()), lastUsed);
    if (start > end) throw new LedgerError('PERIOD_RANGE_INVALID', '起始期间不能晚于结束期间');
    const range = periodsBetween(start, end).slice(0, 240);
    return (await this.periods.stats(em, unionId, range)).map(present);
  }

  async get(unionId: string, periodText: string): Promise<PeriodResponse> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.describe(this.db.manager, unionId, parsePeriod(periodText));
  }

  private async describe(em: Parameters<PeriodsRepository['stats']>[0], unionId: string, period: number): Promise<PeriodResponse> {
    const [stats] = await this.periods.stats(em, unionId, [period]);
    const events = await this.periods.events(em, unionId, period);
    return {
      ...present(stats),
      events: events.map((e) => ({ action: e.action, reason: e.reason, actor: e.actor, at: e.createdAt.toISOString() })),
    };
  }
}

function present(s: PeriodStats): PeriodResponse {
  return {
    period: formatPeriod(s.period),
    status: s.status,
    closedAt: s.closedAt ? new Date(s.closedAt).toISOString() : null,
    closedBy: s.closedBy,
    drafts: s.drafts,
    posted: s.posted,
  };
}
