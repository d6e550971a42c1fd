/**
 * A fresh Idempotency-Key for one money command (a payment, a receipt): built from getRandomValues, which
 * (unlike randomUUID) works on plain-http intranet addresses too.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The key of one command kept in this tab's sessionStorage under `slot` until the command succeeds, so a double
 * click, a retry after a lost answer or a reload sends the same key and the server does it once.
 */
export function keptIdempotencyKey(slot: string, prefix: string): string {
  const name = `union-ledger.${slot}`;
  const kept = sessionStorage.getItem(name);
  if (kept) return kept;
  const key = newIdempotencyKey(prefix);
  sessionStorage.setItem(name, key);
  return key;
}

export function forgetIdempotencyKey(slot: string): void {
  sessionStorage.removeItem(`union-ledger.${slot}`);
}
