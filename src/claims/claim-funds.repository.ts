import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { BankingError } from '../banking/banking.errors';

/** Cash on hand: what a cash claim is reserved on and paid from. */
export const CASH_ACCOUNT = '101';

/**
 * The money side of a claim: its reservation on the union's funds (the database refuses one that would
 * take available funds below zero).
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
}
