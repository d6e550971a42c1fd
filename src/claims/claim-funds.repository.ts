import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { FUNDING_ACCOUNT } from '../unions/unions.repository';

/** The account a claim is paid from: the union's share of the pooled bank account, or cash on hand. */
export function payingAccount(payee: 'bank' | 'cash'): string {
  return payee === 'cash' ? '101' : FUNDING_ACCOUNT.code;
}

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
