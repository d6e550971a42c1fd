import { currentPeriod } from '../../ui/period-range';

/** Last month in China time, "YYYY-MM": the one usually closed and reported on. */
export function lastMonth(): string {
  const [y, m] = currentPeriod().split('-').map((s) => Number.parseInt(s, 10));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
