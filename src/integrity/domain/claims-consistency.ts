import Decimal from 'decimal.js';
const CASH = '101';

export interface ClaimFacts {
  id: string;
  number: string;
  status: string;
  amount: string;
  payeeKind: string;
  reservationId: string | null;
  voucherId: string | null;
}

export interface ReservationFacts {
  id: string;
  sourceType: string;
  sourceId: string;
  status: string;
  amount: string;
  accountCode: string;
}

export interface ClaimProblem {
  check: 'paid-claim-voucher' | 'claim-voucher-orphan' | 'claim-reservation' | 'reservation-orphan';
  key: string;
  detail: string;
}

/** States that hold an open reservation: approved, its payment voucher prepared (reviewed), checked (复核), paid (出纳) until posted. */
const RESERVED = new Set(['approved', 'reviewed', 'checked', 'paid']);
/** The final state of a paid claim: its payment voucher posted (记账), its reservation consumed. */
const POSTED = 'posted';

/**
 * Claims, their reservations and their payment vouchers tell one story: every posted claim (paid and
 * booked) has exactly one posted payment voucher (source `claim`, no other claim's) and a consumed
 * reservation of its amount from the account it was paid from (101 for cash, a bank share otherwise); an
 * approved, reviewed, checked or paid claim holds an open one; every open or consumed claim reservation is
 * held by exactly one claim in the matching state, and every posted payment voucher belongs to a posted
 * claim. (A claim names its reservation; a reservation's source id is not the claim's.)
 */
export function claimsConsistency(claims: ClaimFacts[], reservations: ReservationFacts[], claimVoucherIds: string[]): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const byId = new Map(reservations.map((r) => [r.id, r]));
  const payers = new Map<string, string[]>();
  const paymentVouchers = new Set(claimVoucherIds);
  for (const c of claims) {
    if (c.voucherId) payers.set(c.voucherId, [...(payers.get(c.voucherId) ?? []), c.number]);
    const r = c.reservationId ? byId.get(c.reservationId) : undefined;
    const cash = c.payeeKind === 'cash';
    const expected = c.status === POSTED ? 'consumed' : RESERVED.has(c.status) ? 'open' : null;
    if (c.status === POSTED && (!c.voucherId || !paymentVouchers.has(c.voucherId))) {
      problems.push({ check: 'paid-claim-voucher', key: c.id, detail: `posted claim ${c.number} has no payment voucher of its own (${c.voucherId ?? 'none'})` });
    }
    if (c.status !== POSTED && c.voucherId) {
      problems.push({ check: 'paid-claim-voucher', key: c.id, detail: `claim ${c.number} is ${c.status} but names payment voucher ${c.voucherId}` });
    }
    if (expected) {
      const fits = r && r.sourceType === 'claim' && r.status === expected && (r.accountCode === CASH) === cash && new Decimal(r.amount).eq(c.amount);
      if (!fits) {
        problems.push({
          check: 'claim-reservation',
          key: c.id,
          detail: `${c.status} claim ${c.number} needs a ${expected} reservation of ${c.amount} on ${cash ? CASH : 'a bank share'}; it has ${r ? `${r.status} ${r.amount} on ${r.accountCode}` : 'none'}`,
        });
      }
    }
  }
  for (const [voucherId, numbers] of payers) {
    if (numbers.length > 1) problems.push({ check: 'paid-claim-voucher', key: voucherId, detail: `voucher ${voucherId} pays claims ${numbers.join(', ')}` });
  }
  for (const v of claimVoucherIds) {
    if (!payers.has(v)) problems.push({ check: 'claim-voucher-orphan', key: v, detail: `claim payment voucher ${v} belongs to no posted claim` });
  }
  // a claim names its reservation (claims.reservation_id); a live one belongs to exactly one claim in its state
  const holders = new Map<string, ClaimFacts[]>();
  for (const c of claims) if (c.reservationId) holders.set(c.reservationId, [...(holders.get(c.reservationId) ?? []), c]);
  for (const r of reservations) {
    if (r.sourceType !== 'claim' || r.status === 'released') continue;
    const held = holders.get(r.id) ?? [];
    const fits = held.length === 1 && (r.status === 'open' ? RESERVED.has(held[0].status) : held[0].status === POSTED);
    if (!fits) {
      const who = held.map((c) => `${c.number} (${c.status})`).join(', ') || 'no claim';
      problems.push({ check: 'reservation-orphan', key: r.id, detail: `${r.status} reservation ${r.id} is held by ${who}` });
    }
  }
  return problems;
}
