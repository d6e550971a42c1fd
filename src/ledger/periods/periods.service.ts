import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatPeriod, parsePeriod, periodOfDate, periodsBetween } from '../../common/period';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { LedgerClock } from '../ledger.clock';
import { LedgerError } from '../ledger.errors';
import { PeriodResponse } from './dto/period.dto';
import { PeriodStats, PeriodsRepository } from './periods.repository';

/**
 * The months of a union's books and their state. Closing and reopening them (with the closing entries they
 * carry) is the closing module's (ClosingService).
 */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly periods: PeriodsRepository,
    private readonly clock: LedgerClock,
  ) {}

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

  async describe(em: EntityManager, unionId: string, period: number): Promise<PeriodResponse> {
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
