import { formatPeriod, periodsBetween } from '../../common/period';

/** What an archive package covers: a closed month, a closed fiscal year, or all of a union's periods (移交). */
export type ArchiveScope = 'month' | 'year' | 'all';

export const ArchiveScopes = ['month', 'year'] as const;

export const SCOPE_LABEL: Record<ArchiveScope, string> = { month: '月度归档', year: '年度归档', all: '全部数据移交' };

/** A period as YYYYMM. */
export type Period = number;

export const periodText = formatPeriod;

/** The months of one fiscal year (the fiscal year is the calendar year, 会计法 第十一条). */
export function yearPeriods(year: number): { from: Period; to: Period } {
  return { from: year * 100 + 1, to: year * 100 + 12 };
}

/**
 * What is still open of a month/year package (it may not be made while anything is): its months that are
 * not closed and, for a year, the year itself when its year-end closing is not done. Empty: it may be
 * archived. A hand-over package ('all') takes the books as they are.
 */
export function openPeriods(scope: ArchiveScope, from: Period, to: Period, closed: ReadonlySet<Period>, yearClosed: boolean, firstPeriod: Period = from): string[] {
  if (scope === 'all') return [];
  // a union that started keeping books mid-year has no months before its first period to close
  const open = periodsBetween(Math.max(from, firstPeriod), to).filter((p) => !closed.has(p)).map(formatPeriod);
  if (scope === 'year' && !yearClosed) open.push(`${Math.floor(from / 100)} 年度（年终结账）`);
  return open;
}
