import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, periodsBetween } from '../common/period';
import { Database } from '../database/database.service';
import { BooksRepository, UnionBooks } from '../ledger/books.repository';
import { LedgerError } from '../ledger/ledger.errors';
import { PeriodsRepository } from '../ledger/periods/periods.repository';
import { cacheKind, StatementTarget } from '../statements/statements.calculator';
import { StatementsRepository } from '../statements/statements.repository';
import { StatementsService } from '../statements/statements.service';
import { ClosingError } from './closing.errors';
import { ClosingRepository } from './closing.repository';
import { ClosingService } from './closing.service';
import { YearResponse } from './dto/year.dto';
import { YearsRepository } from './years.repository';

const SWEPT = ['32101', '32102', '32103', '32201', '32202', '32203', '32204'];

/**
 * 结转下年: a year closes when all its months are closed (its December with the year-end closing); its
 * monthly and annual statements are then frozen, each with its SHA-256 in the year's audit record. The
 * next year's opening balances need no step: balances carry from month to month. Reopening a year is the
 * director's, with a reason, only while no month after it is closed; it reopens December too, reversing
 * its closing entries, so that closing December and the year again redoes the year-end closing.
 */
@Injectable()
export class YearsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly periods: PeriodsRepository,
    private readonly years: YearsRepository,
    private readonly closingRepo: ClosingRepository,
    private readonly closing: ClosingService,
    private readonly statements: StatementsService,
    private readonly statementsRepo: StatementsRepository,
    private readonly audit: AuditService,
  ) {}

  close(unionId: string, year: number, actor: Actor): Promise<YearResponse> {
    return this.db.transaction(async (em) => {
      const union = await this.books.lockPeriods(em, unionId, { forWrite: true });
      const months = this.monthsOf(union, year);
      if ((await this.years.status(em, unionId, year)).status === 'closed') return { ...(await this.describe(em, unionId, year)), alreadyClosed: true };
      const closed = await this.periods.closedPeriods(em, unionId, months[0], months[months.length - 1]);
      const open = months.find((p) => !closed.has(p));
      if (open !== undefined) {
        throw new ClosingError('YEAR_NOT_READY', `请先结账 ${formatPeriod(open)}：${year} 年度的各月全部结账后才能结转下年`, { openPeriod: formatPeriod(open) });
      }
      await this.requireSwept(em, unionId, year);

      const version = await this.years.nextFreezeVersion(em, unionId, year);
      const signers = await this.statementsRepo.signers(em, unionId);
      const [{ name }]: { name: string }[] = await em.query(`SELECT name FROM unions WHERE id = $1`, [unionId]);
      await this.years.markClosed(em, unionId, year, actor.name);
      const frozen: { period: string; kind: string; sha256: string }[] = [];
      for (const period of months) {
        for (const kind of ['balance-sheet', 'income-expenditure'] as const) {
          for (const annual of period % 100 === 12 ? [false, true] : [false]) {
            const t: StatementTarget = { kind, period, annual };
            const lines = await this.statements.closedMonthLines(em, union, t);
            const sha256 = await this.statementsRepo.freeze(em, { unionId, year, version, period, kind: cacheKind(t), lines, signers, entity: name });
            frozen.push({ period: formatPeriod(period), kind: cacheKind(t), sha256 });
          }
        }
      }
      await this.years.recordEvent(em, { unionId, year, action: 'close', reason: null, actor: actor.name, actorId: actor.id });
      await this.audit.record(em, actor, [
        { unionId, action: 'year.close', entityType: 'fiscal_year', entityId: String(year), after: { status: 'closed', version, statements: frozen } },
      ]);
      return this.describe(em, unionId, year);
    });
  }

  reopen(unionId: string, year: number, reason: string, actor: Actor): Promise<YearResponse> {
    return this.db.transaction(async (em) => {
      await this.books.lockPeriods(em, unionId, { forWrite: true });
      if ((await this.years.status(em, unionId, year)).status !== 'closed') {
        throw new ClosingError('YEAR_NOT_CLOSED', `${year} 年度尚未结转，无需反结转`);
      }
      const later = await this.years.closedAfter(em, unionId, year * 100 + 12);
      if (later !== undefined) {
        throw new ClosingError('YEAR_LATER_ACTIVE', `${formatPeriod(later)} 已结账：请先反结账以后的月份，再反结转 ${year} 年度`, { closedPeriod: formatPeriod(later) });
      }
      await this.years.markOpen(em, unionId, year);
      await this.years.recordEvent(em, { unionId, year, action: 'reopen', reason: reason.trim(), actor: actor.name, actorId: actor.id });
      await this.audit.record(em, actor, [
        { unionId, action: 'year.reopen', entityType: 'fiscal_year', entityId: String(year), before: { status: 'closed' }, after: { status: 'open', reason: reason.trim() } },
      ]);
      await this.closing.reopenIn(em, unionId, year * 100 + 12, reason.trim(), actor);
      return this.describe(em, unionId, year);
    });
  }

  async get(unionId: string, year: number): Promise<YearResponse> {
    const union = await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    this.monthsOf(union, year);
    return this.describe(this.db.manager, unionId, year);
  }

  /** The year's months in the union's books (from its first period when it started during the year). */
  private monthsOf(union: UnionBooks, year: number): number[] {
    if (year * 100 + 12 < union.firstPeriod) {
      throw new LedgerError('PERIOD_BEFORE_START', `${year} 年度早于本工会启用期间 ${formatPeriod(union.firstPeriod)}`);
    }
    return periodsBetween(Math.max(union.firstPeriod, year * 100 + 1), year * 100 + 12);
  }

  /** After December's close only 32104 and 32205 may hold balances among 321/322, and nothing in income or expense. */
  private async requireSwept(em: EntityManager, unionId: string, year: number): Promise<void> {
    const december = year * 100 + 12;
    const left = (await this.closingRepo.netAssetBalances(em, unionId, december)).filter((b) => SWEPT.includes(b.accountCode) && !b.balance.isZero());
    const unclosed = await this.closingRepo.unclosedBalances(em, unionId, december);
    if (left.length > 0 || unclosed.length > 0) {
      throw new ClosingError('YEAR_NOT_READY', `${year} 年度的结转未完成（${[...left, ...unclosed].map((b) => b.accountCode).join('、')} 仍有余额），请反结账 12 月后重新结账`);
    }
  }

  private async describe(em: EntityManager, unionId: string, year: number): Promise<YearResponse> {
    const status = await this.years.status(em, unionId, year);
    const events = await this.years.events(em, unionId, year);
    const frozen = status.status === 'closed' ? await this.years.frozen(em, unionId, year) : [];
    return {
      year,
      status: status.status,
      closedAt: status.closedAt ? new Date(status.closedAt).toISOString() : null,
      closedBy: status.closedBy,
      events: events.map((e) => ({ action: e.action, reason: e.reason, actor: e.actor, at: new Date(e.at).toISOString() })),
      frozenStatements: frozen.map((f) => ({ period: formatPeriod(f.period), kind: f.kind, version: f.version, sha256: f.sha256 })),
    };
  }
}
