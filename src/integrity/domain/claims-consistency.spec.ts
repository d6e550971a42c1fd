import { ClaimFacts, claimsConsistency, ReservationFacts } from './claims-consistency';

const claim = (over: Partial<ClaimFacts>): ClaimFacts => ({ id: 'c1', number: 'BX-1', status: 'draft', amount: '100.00', payeeKind: 'bank', reservationId: null, voucherId: null, ...over });
const reservation = (over: Partial<ReservationFacts>): ReservationFacts => ({ id: 'r1', sourceType: 'claim', sourceId: 's1', status: 'open', amount: '100.00', accountCode: '10201', ...over });
const checks = (claims: ClaimFacts[], reservations: ReservationFacts[], vouchers: string[] = []) => claimsConsistency(claims, reservations, vouchers).map((p) => p.check);

describe('claims consistency', () => {
  it('accepts approved, checked and paid claims holding open reservations and a posted one with its voucher', () => {
    expect(
      checks(
        [
          claim({ status: 'approved', reservationId: 'r1' }),
          claim({ id: 'c2', number: 'BX-2', status: 'posted', reservationId: 'r2', voucherId: 'v2', payeeKind: 'cash' }),
          claim({ id: 'c4', number: 'BX-4', status: 'checked', reservationId: 'r4' }),
          claim({ id: 'c5', number: 'BX-5', status: 'paid', reservationId: 'r5' }),
        ],
        [
          reservation({}),
          reservation({ id: 'r2', status: 'consumed', accountCode: '101' }),
          reservation({ id: 'r3', status: 'released' }),
          reservation({ id: 'r4', accountCode: '10202' }),
          reservation({ id: 'r5' }),
        ],
        ['v2'],
      ),
    ).toEqual([]);
  });

  it('finds a posted claim without a payment voucher of its own, and a payment voucher without a claim', () => {
    expect(checks([claim({ status: 'posted', reservationId: 'r1', voucherId: 'v9' })], [reservation({ status: 'consumed' })], ['v1'])).toEqual([
      'paid-claim-voucher',
      'claim-voucher-orphan',
    ]);
    const two = [claim({ status: 'posted', reservationId: 'r1', voucherId: 'v1' }), claim({ id: 'c2', status: 'posted', reservationId: 'r2', voucherId: 'v1' })];
    expect(checks(two, [reservation({ status: 'consumed' }), reservation({ id: 'r2', status: 'consumed' })], ['v1'])).toEqual(['paid-claim-voucher']);
  });

  it('finds reservations that do not match their claim', () => {
    expect(checks([claim({ status: 'approved', reservationId: 'r1' })], [reservation({ amount: '99.00' })])).toEqual(['claim-reservation']);
    expect(checks([claim({ status: 'approved', reservationId: 'r1' })], [reservation({ status: 'released' })])).toEqual(['claim-reservation']);
    expect(checks([claim({ status: 'returned' })], [reservation({})])).toEqual(['reservation-orphan']);
    expect(checks([claim({ status: 'posted', reservationId: 'r1', voucherId: 'v1' })], [reservation({})], ['v1'])).toEqual(['claim-reservation', 'reservation-orphan']);
    expect(checks([claim({ status: 'paid', reservationId: 'r1', voucherId: 'v1' })], [reservation({})], ['v1'])).toEqual(['paid-claim-voucher']); // paid, not yet booked
    expect(checks([claim({ status: 'approved', reservationId: 'r1', payeeKind: 'cash' })], [reservation({})])).toEqual(['claim-reservation']); // cash held on the bank
  });
});
