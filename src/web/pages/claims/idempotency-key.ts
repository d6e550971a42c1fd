/**
 * The Idempotency-Key of one payment: made when the cashier first tries to pay a claim and kept (in this tab's
 * sessionStorage) until the payment succeeds, so a double click, a retry after a lost answer or a reload pays
 * once. Built from getRandomValues, which (unlike randomUUID) works on plain-http intranet addresses too.
 */
export function paymentKey(claimId: string): string {
  const slot = `union-ledger.pay.${claimId}`;
  const kept = sessionStorage.getItem(slot);
  if (kept) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = `pay-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  sessionStorage.setItem(slot, key);
  return key;
}

export function forgetPaymentKey(claimId: string): void {
  sessionStorage.removeItem(`union-ledger.pay.${claimId}`);
}
