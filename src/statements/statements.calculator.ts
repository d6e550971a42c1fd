import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { ZERO } from '../common/money/amount';
import { BalanceSheetColumn, balanceSheetLines } from './domain/balance-sheet.rules';
import { IncomeColumn, incomeStatementLines } from './domain/income-statement.rules';
import { StatementLine } from './domain/statement-line';
import { ConsolidationRepository } from './consolidation.repository';
import { Activity, ADJUSTMENT_ACCOUNTS, StatementKind, StatementsRepository } from './statements.repository';

export interface StatementTarget {
  kind: StatementKind;
  /** yyyymm; December for an annual statement. */
  period: number;
  annual: boolean;
}

export const cacheKind = (t: Pick<StatementTarget, 'kind' | 'annual'>) => (t.annual ? `${t.kind}:annual` : t.kind);

const EMPTY: BalanceSheetColumn = { balances: new Map(), unclosed: { restricted: ZERO, unrestricted: ZERO } };

/** Computes a union's statements from its books (the pure rules do the mapping; this reads their inputs). */
@Injectable()
export class StatementsCalculator {
  constructor(
    private readonly repo: StatementsRepository,
    private readonly sums: ConsolidationRepository,
  ) {}

  async lines(em: EntityManager, union: { id: string; firstPeriod: number }, t: StatementTarget): Promise<StatementLine[]> {
    if (t.kind === 'balance-sheet') return balanceSheetLines(await this.columns(em, union, t.period), { annual: t.annual });
    return this.incomeLines(
      t,
      (ranges) => this.repo.activity(em, [union.id], ranges),
      (period) => this.columns(em, union, period),
    );
  }

  /**
   * The statement summed over many unions (汇总), from their summed figures in a few statements whatever their
   * number, and those of them whose own balance sheet does not balance. Each union counts in a column only if
   * its books began by that column's date, as `lines` has it.
   */
  async sum(em: EntityManager, unions: { id: string; firstPeriod: number }[], t: StatementTarget): Promise<{ lines: StatementLine[]; imbalanced: Set<string> }> {
    const sheet = (period: number) =>
      this.sums.balanceSheetSums(
        em,
        unions.filter((u) => u.firstPeriod <= period).map((u) => u.id),
        period,
      );
    if (t.kind === 'balance-sheet') {
      const { columns, imbalanced } = await sheet(t.period);
      return { lines: balanceSheetLines(columns, { annual: t.annual }), imbalanced };
    }
    const ids = unions.map((u) => u.id);
    const lines = await this.incomeLines(
      t,
      (ranges) => this.repo.activity(em, ids, ranges),
      async (period) => (await sheet(period)).columns,
    );
    return { lines, imbalanced: new Set() };
  }

  /** 工会02表 from the activity over ranges of months and (annual) the balance sheet's columns at year ends. */
  private async incomeLines(
    t: StatementTarget,
    activity: (ranges: [number, number][]) => Promise<Map<string, Activity>[]>,
    columns: (period: number) => Promise<[BalanceSheetColumn, BalanceSheetColumn]>,
  ): Promise<StatementLine[]> {
    const year = Math.floor(t.period / 100);
    if (!t.annual) {
      const [month, toDate] = await activity([
        [t.period, t.period],
        [year * 100 + 1, t.period],
      ]);
      return incomeStatementLines([income(month), income(toDate)], { annual: false });
    }
    const [thisYear, lastYear] = await activity([
      [year * 100 + 1, year * 100 + 12],
      [(year - 1) * 100 + 1, (year - 1) * 100 + 12],
    ]);
    const funds = async (period: number) => {
      const [opening, closing] = await columns(period);
      return { yearOpening: fundsOf(opening), yearEnd: fundsOf(closing) };
    };
    return incomeStatementLines(
      [
        { ...income(thisYear), ...(await funds(year * 100 + 12)) },
        { ...income(lastYear), ...(await funds((year - 1) * 100 + 12)) },
      ],
      { annual: true },
    );
  }

  /** The statement of books with nothing in them: the frame a consolidation of no union shows. */
  empty(t: StatementTarget): StatementLine[] {
    if (t.kind === 'balance-sheet') return balanceSheetLines([EMPTY, EMPTY], { annual: t.annual });
    const none = { activity: new Map(), adjustments: ZERO };
    return incomeStatementLines([none, none], { annual: t.annual });
  }

  /** Year opening and period end; nothing at all for a date before the union's books began. */
  private async columns(em: EntityManager, union: { id: string; firstPeriod: number }, period: number): Promise<[BalanceSheetColumn, BalanceSheetColumn]> {
    if (period < union.firstPeriod) return [EMPTY, EMPTY];
    return this.repo.balanceSheetColumns(em, union.id, period);
  }
}

function income(activity: Map<string, Activity>): IncomeColumn {
  const adjustments = ADJUSTMENT_ACCOUNTS.reduce((acc, code) => {
    const a = activity.get(code);
    return a ? acc.plus(a.credit).minus(a.debit) : acc;
  }, ZERO);
  return { activity, adjustments };
}

/** 资金结转 (321 + 331) and 资金结余 (322 + 332) as credit amounts, the current result where it will be closed to. */
function fundsOf(c: BalanceSheetColumn): { carryForward: Decimal; surplus: Decimal } {
  const credit = (codes: string[], unclosed: Decimal) => codes.reduce((acc, code) => acc.plus(c.balances.get(code) ?? ZERO), unclosed).negated();
  return { carryForward: credit(['321', '331'], c.unclosed.restricted), surplus: credit(['322', '332'], c.unclosed.unrestricted) };
}
