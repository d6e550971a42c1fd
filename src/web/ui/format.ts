const TZ = 'Asia/Shanghai';
const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const shortTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as China time, "2026/03/15 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '';
}

/** "03/15 14:05" — for queues, where the year is this one. */
export function formatShort(iso: string | null | undefined): string {
  return iso ? shortTime.format(new Date(iso)) : '';
}

/** Today in China time, "YYYY-MM-DD" (accounting dates are China dates). */
export function todayInChina(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts;
}

/** "2026-03" → "2026年3月" */
export function periodLabel(period: string): string {
  const [y, m] = period.split('-');
  return `${y}年${Number.parseInt(m, 10)}月`;
}
