import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/common.errors';
import { formatAmount, ZERO } from '../../common/money/amount';
import { firstDayOf, formatPeriod, lastDayOf, periodOfDate } from '../../common/period';
import { Database } from '../../database/database.service';
import { BooksRepository } from '../books.repository';
import { balanceDirection, buildTrialBalance, ChartNode } from '../domain/trial-balance.rules';
import { formatVoucherNumber, VoucherType } from '../domain/voucher-type';
import { periodRange } from '../domain/period-range';
import { BalancesRepository } from './balances.repository';
import { AccountBalanceResponse, FundsResponse, DirectedAmount, LedgerResponse, TrialBalanceResponse } from './dto/reports.dto';

const directed = (signed: Decimal): DirectedAmount => {
  const d = balanceDirection(signed);
  return { direction: d.direction, amount: formatAmount(d.amount) };
};

interface LedgerQuery {
  unionId: string;
  code: string;
  from: number;
  to: number;
  fromText: string;
  toText: string;
  page: number;
  pageSize: number;
}

/** 科目余额表, 明细账 and point-in-time balances, read from the balances maintained at posting. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly balances: BalancesRepository,
  ) {}

  async trialBalance(unionId: string, fromText: string, toText: string, includeZero: boolean): Promise<TrialBalanceResponse> {
    const [from, to] = periodRange(fromText, toText);
    // the chart and the figures of one moment: totals that balance even while others post
    const tb = await this.db.readSnapshot(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: false });
      const chart = await this.balances.chart(em, unionId);
      return buildTrialBalance(chart, await this.balances.leafFigures(em, unionId, from, to), { includeZero });
    });
    const f = (d: Decimal) => formatAmount(d);
    return {
      from: fromText,
      to: toText,
      rows: tb.rows.map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        category: r.category,
        normalSide: r.normalSide,
        leaf: r.isLeaf,
        openingDebit: f(r.openingDebit),
        openingCredit: f(r.openingCredit),
        debit: f(r.debit),
        credit: f(r.credit),
        closingDebit: f(r.closingDebit),
        closingCredit: f(r.closingCredit),
      })),
      totals: {
        openingDebit: f(tb.totals.openingDebit),
        openingCredit: f(tb.totals.openingCredit),
        debit: f(tb.totals.debit),
        credit: f(tb.totals.credit),
        closingDebit: f(tb.totals.closingDebit),
        closingCredit: f(tb.totals.closingCredit),
      },
      balanced: tb.balanced,
    };
  }

  /** 明细账 of any account (a parent shows the lines of all its leaves), with 本月合计 / 本年累计 per period. */
  async ledger(unionId: string, code: string, fromText: string, toText: string, page: number, pageSize: number): Promise<LedgerResponse> {
    const [from, to] = periodRange(fromText, toText);
    // opening + lines = closing only if every figure is read at one moment
    return this.db.readSnapshot((em) => this.ledgerIn(em, { unionId, code, from, to, fromText, toText, page, pageSize }));
  }

  private async ledgerIn(em: EntityManager, q: LedgerQuery): Promise<LedgerResponse> {
    const { unionId, code, from, to, fromText, toText, page, pageSize } = q;
    await this.books.findUnion(em, unionId, { forWrite: false });
    const { account, path, leaves } = this.subtree(await this.balances.chart(em, unionId), code);

    const figures = await this.balances.leafFigures(em, unionId, from, to, leaves);
    const opening = [...figures.values()].reduce((acc, f) => acc.plus(f.opening), ZERO);
    const closing = [...figures.values()].reduce((acc, f) => acc.plus(f.closing), ZERO);

    const { lines, total } = await this.balances.ledgerLines(em, unionId, leaves, firstDayOf(from), lastDayOf(to), {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });

    const yearStart = Math.floor(from / 100) * 100 + 1;
    const activity = await this.balances.activityByPeriod(em, unionId, leaves, yearStart, to);
    let running = opening;
    let year = 0;
    let yearDebit = ZERO;
    let yearCredit = ZERO;
    const periods = [];
    for (const a of activity) {
      if (Math.floor(a.period / 100) !== year) {
        year = Math.floor(a.period / 100);
        yearDebit = ZERO;
        yearCredit = ZERO;
      }
      yearDebit = yearDebit.plus(a.debit);
      yearCredit = yearCredit.plus(a.credit);
      if (a.period < from) continue;
      running = running.plus(a.debit).minus(a.credit);
      periods.push({
        period: formatPeriod(a.period),
        debit: formatAmount(a.debit),
        credit: formatAmount(a.credit),
        yearDebit: formatAmount(yearDebit),
        yearCredit: formatAmount(yearCredit),
        closing: directed(running),
      });
    }

    return {
      account: account.code,
      accountName: account.name,
      accountPath: path,
      from: fromText,
      to: toText,
      opening: directed(opening),
      lines: lines.map((l) => {
        const balance = balanceDirection(opening.plus(l.running));
        return {
          date: l.date,
          voucherId: l.voucherId,
          voucherNumber: formatVoucherNumber(l.type as VoucherType, l.period, l.number),
          summary: l.summary,
          account: l.accountCode,
          debit: l.debit.isZero() ? null : formatAmount(l.debit),
          credit: l.credit.isZero() ? null : formatAmount(l.credit),
          direction: balance.direction,
          balance: formatAmount(balance.amount),
        };
      }),
      periods,
      closing: directed(closing),
      page,
      pageSize,
      total,
    };
  }

  /** Balance of any account at the end of a given date. */
  /** The union's share of the pooled bank account: posted balance, open reservations, what is left to spend. */
  async funds(unionId: string): Promise<FundsResponse> {
    const em = this.db.manager;
    await this.books.findUnion(em, unionId, { forWrite: false });
    const { account, balance, reserved } = await this.balances.funds(em, unionId);
    return { account, balance: formatAmount(balance), reserved: formatAmount(reserved), available: formatAmount(balance.minus(reserved)) };
  }

  async balanceAsOf(unionId: string, code: string, date: string): Promise<AccountBalanceResponse> {
    const period = periodOfDate(date);
    const { account, signed } = await this.db.readSnapshot(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: false });
      const { account, leaves } = this.subtree(await this.balances.chart(em, unionId), code);
      const figures = await this.balances.leafFigures(em, unionId, period, period, leaves);
      const opening = [...figures.values()].reduce((acc, f) => acc.plus(f.opening), ZERO);
      return { account, signed: opening.plus(await this.balances.netBetween(em, unionId, leaves, firstDayOf(period), date)) };
    });
    const d = balanceDirection(signed);
    return { account: account.code, accountName: account.name, date, signed: formatAmount(signed), direction: d.direction, amount: formatAmount(d.amount) };
  }

  private subtree(chart: ChartNode[], code: string): { account: ChartNode; path: string; leaves: string[] } {
    const account = chart.find((a) => a.code === code);
    if (!account) throw notFound('科目', { code });
    const names = new Map(chart.map((a) => [a.code, a.name]));
    const path: string[] = [];
    for (let n = 3; n <= code.length; n += 2) path.push(names.get(code.slice(0, n)) ?? '');
    const leaves = chart.filter((a) => a.isLeaf && a.code.startsWith(code)).map((a) => a.code);
    return { account, path: path.join('—'), leaves };
  }
}
