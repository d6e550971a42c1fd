/**
 * Accounting periods are calendar months. On the wire a period is "YYYY-MM"; in the database an integer
 * yyyymm (202603), which sorts, compares and checks without string handling.
 */
export const PERIOD_PATTERN = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function parsePeriod(text: string): number {
  if (!PERIOD_PATTERN.test(text)) throw new RangeError(`not a period: ${text}`);
  return Number(text.slice(0, 4)) * 100 + Number(text.slice(5, 7));
}

export function formatPeriod(period: number): string {
  return `${Math.floor(period / 100)}-${String(period % 100).padStart(2, '0')}`;
}

export function periodOfDate(date: string): number {
  return Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));
}

export function nextPeriod(period: number): number {
  return period % 100 === 12 ? (Math.floor(period / 100) + 1) * 100 + 1 : period + 1;
}

export function previousPeriod(period: number): number {
  return period % 100 === 1 ? (Math.floor(period / 100) - 1) * 100 + 12 : period - 1;
}

/** Number of periods from `from` to `to` inclusive; 0 when `to` precedes `from`. */
export function periodCount(from: number, to: number): number {
  if (to < from) return 0;
  const months = (Math.floor(to / 100) - Math.floor(from / 100)) * 12 + ((to % 100) - (from % 100));
  return months + 1;
}

export function firstDayOf(period: number): string {
  return `${formatPeriod(period)}-01`;
}

export function lastDayOf(period: number): string {
  const year = Math.floor(period / 100);
  const month = period % 100;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${formatPeriod(period)}-${String(day).padStart(2, '0')}`;
}

/** A real date from 1900 to 2199, the years a period can name (2026-02-30 and 0001-01-01 fail). */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text) || !PERIOD_PATTERN.test(text.slice(0, 7))) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Today's date in the ledger's time zone (accounting dates are China dates, not UTC). */
export function todayIn(timeZone: string, now = new Date()): string {
  return wallClock(now, timeZone).toISOString().slice(0, 10);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** The instant as a Date whose UTC fields are the local date and time in `timeZone` (for exceljs, which writes UTC fields). */
export function wallClock(at: Date, timeZone: string): Date {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    zoneFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second, at.getUTCMilliseconds()));
}

/** Every period from `from` to `to` inclusive. */
export function periodsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) out.push(p);
  return out;
}
