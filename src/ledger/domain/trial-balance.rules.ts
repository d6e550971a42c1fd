import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { AccountCategory, NormalSide } from './account-rules';

export interface ChartNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  category: AccountCategory;
  normalSide: NormalSide;
  isLeaf: boolean;
}

/** Signed figures of one account over a period range; balances are debit-positive. */
export interface Figures {
  opening: Decimal;
  debit: Decimal;
  credit: Decimal;
  closing: Decimal;
}

export interface TrialBalanceRow extends ChartNode {
  openingDebit: Decimal;
  openingCredit: Decimal;
  debit: Decimal;
  credit: Decimal;
  closingDebit: Decimal;
  closingCredit: Decimal;
}

export interface TrialBalance {
  rows: TrialBalanceRow[];
  totals: Omit<TrialBalanceRow, keyof ChartNode>;
  balanced: boolean;
}

const emptyFigures = (): Figures => ({ opening: ZERO, debit: ZERO, credit: ZERO, closing: ZERO });

/**
 * 科目余额表: leaf figures rolled up to every ancestor, each balance shown in the debit or credit column by
 * its sign (a parent nets its children), totals taken over level-1 accounts. When the books balance, the
 * debit and credit totals of each pair of columns are equal.
 */
export function buildTrialBalance(
  chart: readonly ChartNode[],
  leafFigures: ReadonlyMap<string, Figures>,
  options: { includeZero: boolean },
): TrialBalance {
  const figures = new Map<string, Figures>();
  for (const node of chart) figures.set(node.code, emptyFigures());
  const byCode = new Map(chart.map((n) => [n.code, n]));

  for (const [code, leaf] of leafFigures) {
    let node = byCode.get(code);
    while (node) {
      const acc = figures.get(node.code)!;
      acc.opening = acc.opening.plus(leaf.opening);
      acc.debit = acc.debit.plus(leaf.debit);
      acc.credit = acc.credit.plus(leaf.credit);
      acc.closing = acc.closing.plus(leaf.closing);
      node = node.parentCode ? byCode.get(node.parentCode) : undefined;
    }
  }

  const rows = [...chart]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((node) => toRow(node, figures.get(node.code)!))
    .filter((row) => options.includeZero || !isZeroRow(row));

  const totals = { openingDebit: ZERO, openingCredit: ZERO, debit: ZERO, credit: ZERO, closingDebit: ZERO, closingCredit: ZERO };
  for (const node of chart) {
    if (node.level !== 1) continue;
    const row = toRow(node, figures.get(node.code)!);
    totals.openingDebit = totals.openingDebit.plus(row.openingDebit);
    totals.openingCredit = totals.openingCredit.plus(row.openingCredit);
    totals.debit = totals.debit.plus(row.debit);
    totals.credit = totals.credit.plus(row.credit);
    totals.closingDebit = totals.closingDebit.plus(row.closingDebit);
    totals.closingCredit = totals.closingCredit.plus(row.closingCredit);
  }
  const balanced =
    totals.openingDebit.equals(totals.openingCredit) &&
    totals.debit.equals(totals.credit) &&
    totals.closingDebit.equals(totals.closingCredit);
  return { rows, totals, balanced };
}

function toRow(node: ChartNode, f: Figures): TrialBalanceRow {
  return {
    ...node,
    openingDebit: f.opening.gt(0) ? f.opening : ZERO,
    openingCredit: f.opening.lt(0) ? f.opening.negated() : ZERO,
    debit: f.debit,
    credit: f.credit,
    closingDebit: f.closing.gt(0) ? f.closing : ZERO,
    closingCredit: f.closing.lt(0) ? f.closing.negated() : ZERO,
  };
}

function isZeroRow(row: TrialBalanceRow): boolean {
  return [row.openingDebit, row.openingCredit, row.debit, row.credit, row.closingDebit, row.closingCredit].every((v) =>
    v.isZero(),
  );
}

/** 借 / 贷 / 平 and the absolute amount, as Chinese ledgers print a balance. */
export function balanceDirection(signed: Decimal): { direction: '借' | '贷' | '平'; amount: Decimal } {
  if (signed.gt(0)) return { direction: '借', amount: signed };
  if (signed.lt(0)) return { direction: '贷', amount: signed.negated() };
  return { direction: '平', amount: ZERO };
}
