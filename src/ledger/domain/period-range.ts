import { parsePeriod } from '../../common/period';
import { LedgerError } from '../ledger.errors';

/** A range of months given as YYYY-MM, from ≤ to: [from, to] as yyyymm. */
export function periodRange(fromText: string, toText: string): [number, number] {
  const from = parsePeriod(fromText);
  const to = parsePeriod(toText);
  if (from > to) throw new LedgerError('PERIOD_RANGE_INVALID', '起始期间不能晚于结束期间');
  return [from, to];
}
