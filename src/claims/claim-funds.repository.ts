import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { BankingError } from '../banking/banking.errors';

/** Cash on hand: what a cash claim is reserved on and paid from. */
export const CASH_ACCOUNT = '101';

export interface IdempotencyRecord {
  requestHash: string;
  response: unknown;
}

/**
 * The money side of a claim: its reservation on the union's funds (the database refuses one that would
 * take available funds below zero) and the idempotency record of its payment.
 */
@Injectable()
export class ClaimFundsRepository {
  /**
   * The account a claim is reserved on and paid from: cash on hand, or the union's (default) share of a
   * pooled bank account — by the explicit mapping, not by an account code.
   */
  async payingAccount(em: EntityManager, unionId: string, payee: 'bank' | 'cash'): Promise<string> {
    if (payee === 'cash') return CASH_ACCOUNT;
    const [row]: { code: string | null }[] = await em.query(`SELECT bank_default_share($1) AS code`, [unionId]);
    if (!row?.code) throw new BankingError('BANK_SHARE_INVALID', '本工会没有中心统一账户份额，不能转账支付');
    return row.code;
  }

  /** The account a reservation holds money on (a claim is paid from the account it was reserved on). */
  async reservedAccount(em: EntityManager, unionId: string, reservationId: string): Promise<string> {
    const [row]: { code: string }[] = await em.query(`SELECT account_code AS code FROM fund_reservations WHERE union_id = $1 AND id = $2`, [
      unionId,
      reservationId,
    ]);
    return row.code;
  }

  async reserve(em: EntityManager, unionId: string, r: { id: string; sourceId: string; accountCode: string; amount: Decimal }): Promise<void> {
    await em.query(
      `INSERT INTO fund_reservations (union_id, id, source_type, source_id, account_code, amount) VALUES ($1, $2, 'claim', $3, $4, $5)`,
      [unionId, r.id, r.sourceId, r.accountCode, r.amount.toFixed(2)],
    );
  }

  async close(em: EntityManager, unionId: string, id: string, status: 'released' | 'consumed'): Promise<void> {
    await em.query(`UPDATE fund_reservations SET status = $3, closed_at = now() WHERE union_id = $1 AND id = $2 AND status = 'open'`, [
      unionId,
      id,
      status,
    ]);
  }

  /** After a cash payment is posted, under the posting lock it took: cash on hand never goes below zero. */
  async requireFunds(em: EntityManager, unionId: string, accountCode: string): Promise<void> {
    await em.query(`SELECT ledger_require_funds($1, $2)`, [unionId, accountCode]);
  }

  /**
   * Takes the key for this request, or returns the record of whoever took it first. A concurrent request
   * with the same key waits here for the first one's commit (or rollback, and then takes the key itself).
   */
  async claimKey(em: EntityManager, unionId: string, key: string, operation: string, requestHash: string): Promise<IdempotencyRecord | null> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO idempotency_keys (union_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (union_id, key) DO NOTHING RETURNING key`,
      [unionId, key, operation, requestHash],
    );
    if (inserted.length > 0) return null;
    const rows: { request_hash: string; response: unknown }[] = await em.query(
      `SELECT request_hash, response FROM idempotency_keys WHERE union_id = $1 AND key = $2`,
      [unionId, key],
    );
    return { requestHash: rows[0].request_hash, response: rows[0].response };
  }

  async saveResponse(em: EntityManager, unionId: string, key: string, response: unknown): Promise<void> {
    await em.query(`UPDATE idempotency_keys SET response = $3 WHERE union_id = $1 AND key = $2`, [unionId, key, JSON.stringify(response)]);
  }
}
