/**
 * Which successful API calls count as business events on /metrics. Counted when the response has gone
 * out with a 2xx, i.e. after the transaction committed: a refused or rolled-back step is never counted.
 * Pure: a route pattern in, an event out.
 */
export type LedgerEvent = { metric: 'postings'; source: string } | { metric: 'claimSteps'; step: string };

const VOUCHER_POSTED: Record<string, string> = {
  '/api/unions/:unionId/vouchers/:id/post': 'manual',
  '/api/unions/:unionId/vouchers/:id/reverse': 'reversal',
  // paying a claim posts its payment voucher
  '/api/unions/:unionId/claims/:id/pay': 'claim',
  '/api/unions/:unionId/receipts/:id/post': 'receipt',
  // one batch, one posting action, however many unions' vouchers it writes
  '/api/centers/:centerId/allocations/:id/post': 'allocation',
  '/api/unions/:unionId/withdraw': 'withdrawal',
};

const CLAIM_STEP = /^\/api\/unions\/:unionId\/claims(?:\/:id\/(submit|withdraw|cancel|approve|reject|review|return|pay))?$/;

export function ledgerEvents(method: string, route: string | undefined, status: number): LedgerEvent[] {
  if (method !== 'POST' || !route || status < 200 || status > 299) return [];
  const events: LedgerEvent[] = [];
  const source = VOUCHER_POSTED[route];
  if (source) events.push({ metric: 'postings', source });
  const claim = CLAIM_STEP.exec(route);
  if (claim) events.push({ metric: 'claimSteps', step: claim[1] ?? 'create' });
  return events;
}
