import {
  formatPeriod,
  isCalendarDate,
  lastDayOf,
  nextPeriod,
  parsePeriod,
  periodCount,
  periodOfDate,
  periodsBetween,
  previousPeriod,
  todayIn,
} from './period';

describe('periods', () => {
  it('round-trips YYYY-MM and yyyymm', () => {
    expect(parsePeriod('2026-03')).toBe(202603);
    expect(formatPeriod(202603)).toBe('2026-03');
    expect(() => parsePeriod('2026-13')).toThrow();
  });

  it('steps across year ends', () => {
    expect(nextPeriod(202612)).toBe(202701);
    expect(previousPeriod(202701)).toBe(202612);
    expect(periodCount(202611, 202702)).toBe(4);
    expect(periodsBetween(202611, 202702)).toEqual([202611, 202612, 202701, 202702]);
  });

  it('knows month ends, leap years included', () => {
    expect(lastDayOf(202602)).toBe('2026-02-28');
    expect(lastDayOf(202802)).toBe('2028-02-29');
    expect(lastDayOf(202604)).toBe('2026-04-30');
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    // the years a period can name, no others: a date must fall in a period of the books
    expect(isCalendarDate('1900-01-01')).toBe(true);
    expect(isCalendarDate('2199-12-31')).toBe(true);
    expect(isCalendarDate('0001-01-01')).toBe(false);
    expect(isCalendarDate('2200-01-01')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(periodOfDate('2026-12-31')).toBe(202612);
  });

  it('takes today in the ledger time zone, not UTC', () => {
    // 2026-03-31 20:00 UTC is already 1 April in Shanghai
    expect(todayIn('Asia/Shanghai', new Date('2026-03-31T20:00:00Z'))).toBe('2026-04-01');
    expect(todayIn('UTC', new Date('2026-03-31T20:00:00Z'))).toBe('2026-03-31');
  });
});
