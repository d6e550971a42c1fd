/**
 * Money as the browser shows it: the API's decimal strings, grouped for reading. No arithmetic here and no
 * JS number anywhere: sums the user sees come from the server, and entry arithmetic uses decimal.js
 * (see ledger/voucher-balance.ts, claims/claim-lines.ts).
 */
const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "1234567.5" → "1,234,567.50"; anything that is not an amount is shown as given. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const m = AMOUNT.exec(amount.trim());
  if (!m) return amount;
  const [, sign, int, frac = ''] = m;
  const grouped = int.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${frac.padEnd(2, '0')}`;
}

/** "¥1,234.50" */
export function yuan(amount: string | null | undefined): string {
  const f = formatMoney(amount);
  return f.startsWith('-') ? `-¥${f.slice(1)}` : `¥${f}`;
}
