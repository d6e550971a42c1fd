import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import { Actor } from '../common/http/actor.decorator';
import { formatPeriod, lastDayOf, parsePeriod, periodsBetween, previousPeriod } from '../common/period';
import { Database } from '../database/database.service';
import { BooksRepository, UnionBooks } from '../ledger/books.repository';
import { NET_ASSET_ACCOUNTS } from '../ledger/domain/closing-accounts';
import { VoucherLineInput } from '../ledger/domain/voucher.rules';
import { formatVoucherNumber } from '../ledger/domain/voucher-type';
import { LedgerClock } from '../ledger/ledger.clock';
import { LedgerError } from '../ledger/ledger.errors';
import { ClosingVoucherResponse, PeriodResponse } from '../ledger/periods/dto/period.dto';
import { PeriodsRepository } from '../ledger/periods/periods.repository';
import { PeriodsService } from '../ledger/periods/periods.service';
import { VouchersService } from '../ledger/vouchers/vouchers.service';
import { StatementsService } from '../statements/statements.service';
import { FixedAssetsService } from '../fixed-assets/fixed-assets.service';
import { ClosingError } from './closing.errors';
import { ClosingRepository } from './closing.repository';
import { YearsRepository } from './years.repository';
import { periodClosingLines } from './domain/period-closing.rules';
import { carryForwardLines, FinishedProject, finishedProjectLines, surplusLines } from './domain/year-end.rules';

export type ClosingKind = 'depreciation' | 'period-end' | 'carry-forward' | 'finished-projects' | 'surplus' | 'reversal';

export type CloseOutcome =
  | { state: 'closed' | 'already'; result: PeriodResponse }
  | { state: 'refused'; problems: DomainError[] };

export interface CloseOptions {
  /** December only: restricted projects finished in the year, moved to surplus (年终结转 step 3). */
  finishedProjects?: FinishedProject[];
}

/**
 * 结账 and 反结账 with the entries they carry. A month closes once it has ended (China time), every
 * earlier month is closed, no draft and no claim awaiting payment is left in it (会计软件基本功能和服务规范
 * 第二十四条). Closing posts, in this order: the month's depreciation, the period-end closing (期末结转:
 * every month, or December only if the center closes yearly) and in December the year-end closing (年终结转
 * 4a → 3 → 4b). Reopening (latest month first, with a reason) reverses the month's closing vouchers; closing
 * again makes them anew. Closing a closed month changes nothing. Everything holds the union's periods lock
 * exclusively, so no voucher of the union is written meanwhile.
 */
@Injectable()
export class ClosingService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly periods: PeriodsRepository,
    private readonly periodsView: PeriodsService,
    private readonly closing: ClosingRepository,
    private readonly vouchers: VouchersService,
    private readonly statements: StatementsService,
    private readonly assets: FixedAssetsService,
    private readonly years: YearsRepository,
    private readonly clock: LedgerClock,
    private readonly audit: AuditService,
  ) {}

  close(unionId: string, periodText: string, actor: Actor, opts: CloseOptions = {}): Promise<PeriodResponse> {
    const period = parsePeriod(periodText);
    return this.db.transaction((em) => this.closeIn(em, unionId, period, actor, opts));
  }

  /** The whole close in the caller's transaction; refused with the first thing that keeps the month open. */
  async closeIn(em: EntityManager, unionId: string, period: number, actor: Actor, opts: CloseOptions = {}): Promise<PeriodResponse> {
    const outcome = await this.attempt(em, unionId, period, actor, opts);
    if (outcome.state === 'refused') throw outcome.problems[0];
    return outcome.result;
  }

  /**
   * Closes the month if it can be closed; otherwise changes nothing and says everything that stands in the
   * way (a batch close reports it per union).
   */
  async attempt(em: EntityManager, unionId: string, period: number, actor: Actor, opts: CloseOptions = {}): Promise<CloseOutcome> {
    if (opts.finishedProjects?.length && period % 100 !== 12) {
      throw new ClosingError('FINISHED_PROJECT_INVALID', '只有 12 月结账（年终结转）时才能选择已完成的项目');
    }
    const union = await this.books.lockPeriods(em, unionId, { forWrite: true });
    const row = await this.periods.lock(em, unionId, period);
    if (row.status === 'closed') {
      return { state: 'already', result: { ...(await this.periodsView.describe(em, unionId, period)), alreadyClosed: true, closingVouchers: [] } };
    }
    const problems = await this.problems(em, union, period);
    if (problems.length > 0) return { state: 'refused', problems };

    const made: ClosingVoucherResponse[] = [];
    const post = async (kind: ClosingKind, lines: VoucherLineInput[]) => {
      if (lines.length === 0) return;
      made.push({ ...(await this.postClosing(em, unionId, period, lines, actor)), kind });
    };
    const depreciation = await this.assets.depreciateMonth(em, unionId, period, actor);
    if (depreciation) made.push({ ...depreciation, kind: 'depreciation' });
    const { closingMode } = await this.closing.settings(em, await this.closing.centerOf(em, unionId));
    const december = period % 100 === 12;
    if (closingMode === 'monthly' || december) {
      await post('period-end', periodClosingLines(period, await this.closing.unclosedBalances(em, unionId, period)));
    }
    if (december) await this.yearEnd(em, unionId, period, opts.finishedProjects ?? [], post);

    await this.periods.recordEvent(em, { unionId, period, action: 'close', reason: null, actor: actor.name, actorId: actor.id });
    await this.periods.markClosed(em, unionId, period, actor.name);
    await this.statements.cacheClosedMonth(em, union, period);
    await this.audit.record(em, actor, [
      {
        unionId,
        action: 'period.close',
        entityType: 'period',
        entityId: formatPeriod(period),
        after: { status: 'closed', closingVouchers: made.map((m) => ({ number: m.displayNumber, kind: m.kind })) },
      },
    ]);
    return { state: 'closed', result: { ...(await this.periodsView.describe(em, unionId, period)), closingVouchers: made } };
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
      const year = Math.floor(period / 100);
      if (await this.years.isClosed(em, unionId, year)) {
        throw new ClosingError('YEAR_CLOSED', `${year} 年度已结转，报表已冻结：请先由主任反结转该年度`, { year });
      }
      const made = await this.reopenIn(em, unionId, period, reason.trim(), actor);
      return { ...(await this.periodsView.describe(em, unionId, period)), closingVouchers: made };
    });
  }

  /** Opens the month and reverses its standing closing vouchers (the caller holds the periods lock). */
  async reopenIn(em: EntityManager, unionId: string, period: number, reason: string, actor: Actor): Promise<ClosingVoucherResponse[]> {
    await this.periods.recordEvent(em, { unionId, period, action: 'reopen', reason, actor: actor.name, actorId: actor.id });
    await this.periods.markOpen(em, unionId, period);
    await this.statements.dropCachedMonth(em, unionId, period);
    const made: ClosingVoucherResponse[] = [];
    for (const id of await this.closing.standingClosingVouchers(em, unionId, period)) {
      const reversalId = await this.vouchers.reverseSystemVoucher(em, unionId, id, actor);
      const [v]: { type: string; number: number }[] = await em.query(`SELECT voucher_type AS type, number FROM vouchers WHERE union_id = $1 AND id = $2`, [
        unionId,
        reversalId,
      ]);
      made.push({ id: reversalId, displayNumber: formatVoucherNumber(v.type as 'general', period, v.number), kind: 'reversal' });
    }
    await this.audit.record(em, actor, [
      {
        unionId,
        action: 'period.reopen',
        entityType: 'period',
        entityId: formatPeriod(period),
        before: { status: 'closed' },
        after: { status: 'open', reason, reversed: made.map((m) => m.displayNumber) },
      },
    ]);
    return made;
  }

  /**
   * Everything that keeps the month from closing, the most fundamental first: before the books start, not
   * yet ended, an earlier month open, drafts left, claims awaiting payment.
   */
  async problems(em: EntityManager, union: UnionBooks, period: number): Promise<DomainError[]> {
    const text = formatPeriod(period);
    if (period < union.firstPeriod) {
      return [new LedgerError('PERIOD_BEFORE_START', `${text} 早于本工会启用期间 ${formatPeriod(union.firstPeriod)}`)];
    }
    const problems: DomainError[] = [];
    // a month has ended once its last day is over: closing on the last day itself is too early
    if (this.clock.today() <= lastDayOf(period)) {
      problems.push(new LedgerError('PERIOD_NOT_ENDED', `${text} 尚未结束（月末最后一天过后才能结账）`, { lastDay: lastDayOf(period) }));
    }
    if (period > union.firstPeriod) {
      const closed = await this.periods.closedPeriods(em, union.id, union.firstPeriod, previousPeriod(period));
      const open = periodsBetween(union.firstPeriod, previousPeriod(period)).find((p) => !closed.has(p));
      if (open !== undefined) {
        problems.push(new LedgerError('PERIOD_EARLIER_OPEN', `请先结账 ${formatPeriod(open)}：结账须按月份顺序进行`, { openPeriod: formatPeriod(open) }));
      }
    }
    const drafts = await this.periods.draftCount(em, union.id, period);
    if (drafts > 0) {
      problems.push(new LedgerError('PERIOD_HAS_DRAFTS', `${text} 还有 ${drafts} 张未过账凭证，过账或删除后才能结账`, { drafts }));
    }
    const claims = await this.closing.claimsAwaitingPayment(em, union.id, period);
    if (claims > 0) {
      problems.push(new ClosingError('PERIOD_HAS_OPEN_CLAIMS', `${text} 及以前还有 ${claims} 张已审批待支付的报销单，支付或退回后才能结账`, { claims }));
    }
    return problems;
  }

  /** 年终结转 in the order that leaves nothing stranded: 4a, then the finished projects (3), then 4b. */
  private async yearEnd(
    em: EntityManager,
    unionId: string,
    period: number,
    finished: FinishedProject[],
    post: (kind: ClosingKind, lines: VoucherLineInput[]) => Promise<void>,
  ): Promise<void> {
    const year = Math.floor(period / 100);
    await post('carry-forward', carryForwardLines(year, await this.closing.netAssetBalances(em, unionId, period)));
    const accumulated = new Map<string, Decimal>();
    for (const b of await this.closing.netAssetBalances(em, unionId, period)) {
      if (b.accountCode === NET_ASSET_ACCOUNTS.restrictedAccumulated && b.projectCode) accumulated.set(b.projectCode, b.balance);
    }
    await post('finished-projects', finishedProjectLines(year, accumulated, finished));
    await post('surplus', surplusLines(year, await this.closing.netAssetBalances(em, unionId, period)));
  }

  private async postClosing(em: EntityManager, unionId: string, period: number, lines: VoucherLineInput[], actor: Actor): Promise<Omit<ClosingVoucherResponse, 'kind'>> {
    const { id, voucher, posting } = await this.vouchers.postInTransaction(
      em,
      unionId,
      { date: lastDayOf(period), red: false, attachmentCount: 0, lines },
      // made by the system, posted by whoever closes (the preparer is nobody: 审核 ≠ 制单 holds)
      { source: 'closing', preparer: { id: null, name: '系统（结账）' }, poster: actor },
    );
    return { id, displayNumber: formatVoucherNumber(voucher.type, period, posting.number) };
  }
}
