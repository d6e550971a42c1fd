import { forgetIdempotencyKey, keptIdempotencyKey } from '../../data/idempotency-key';

/** The Idempotency-Key of one claim's payment, kept until the payment succeeds (see data/idempotency-key.ts). */
export function paymentKey(claimId: string): string {
  return keptIdempotencyKey(`pay.${claimId}`, 'pay');
}

export function forgetPaymentKey(claimId: string): void {
  forgetIdempotencyKey(`pay.${claimId}`);
}
