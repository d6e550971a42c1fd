/**
 * Which successful API calls count as business events on /metrics. Counted when the response has gone
 * out with a 2xx, i.e. after the transaction committed: a refused or rolled-back step is never counted.
 * Pure: a route pattern in, an event out.
 */
export type LedgerEvent = { metric: 'postings'; source: string } | { metric: 'claimSteps'; step: string };

const VOUCHER_POSTED: Record<string, string> = {
  // 审核过账 of a draft: a manual voucher or a reversal draft (a one-person reversal, post=true, is not seen here)
  '/api/unions/:unionId/vouchers/:id/post': 'voucher',
  // 记账: posts a paid claim's payment voucher
  '/api/unions/:unionId/claims/:id/post': 'claim',
  '/api/unions/:unionId/receipts/:id/post': 'receipt',
  // one batch, one posting action, however many unions' vouchers it writes
  '/api/centers/:centerId/allocations/:id/post': 'allocation',
  '/api/unions/:unionId/withdraw': 'withdrawal',
};

const CLAIM_STEP = /^\/api\/unions\/:unionId\/claims(?:\/:id\/(submit|withdraw|cancel|approve|reject|review|check|return|pay|post))?$/;

export function ledgerEvents(method: string, route: string | undefined, status: number): LedgerEvent[] {
  if (method !== 'POST' || !route || status < 200 || status > 299) return [];
  const events: LedgerEvent[] = [];
  const source = VOUCHER_POSTED[route];
  if (source) events.push({ metric: 'postings', source });
  const claim = CLAIM_STEP.exec(route);
  if (claim) events.push({ metric: 'claimSteps', step: claim[1] ?? 'create' });
  return events;
}
