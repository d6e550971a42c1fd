import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';

export interface OpenItems {
  claims: number;
  reservations: number;
  drafts: number;
}

/** What a withdrawal reads and writes beside the voucher: what is still open, the shares, the record. */
@Injectable()
export class WithdrawalRepository {
  async openItems(em: EntityManager, unionId: string): Promise<OpenItems> {
    const [row]: OpenItems[] = await em.query(
      `SELECT (SELECT count(*)::int FROM claims WHERE union_id = $1 AND status IN ('draft', 'submitted', 'approved', 'reviewed', 'checked', 'paid', 'returned')) AS claims,
              (SELECT count(*)::int FROM fund_reservations WHERE union_id = $1 AND status = 'open') AS reservations,
              (SELECT count(*)::int FROM voucher_drafts WHERE union_id = $1) AS drafts`,
      [unionId],
    );
    return row;
  }

  /** Every share of the union with its posted balance now. */
  async shareBalances(em: EntityManager, unionId: string): Promise<{ account: string; balance: Decimal }[]> {
    const rows: { account: string; balance: string }[] = await em.query(
      `SELECT s.account_code AS account, f.balance FROM bank_account_shares s, LATERAL ledger_funds(s.union_id, s.account_code) f
        WHERE s.union_id = $1 ORDER BY s.is_default DESC, s.account_code`,
      [unionId],
    );
    return rows.map((r) => ({ account: r.account, balance: new Decimal(r.balance) }));
  }

  async setStatus(em: EntityManager, unionId: string, status: 'active' | 'withdrawn'): Promise<void> {
    await em.query(`UPDATE unions SET status = $2, updated_at = now() WHERE id = $1`, [unionId, status]);
  }

  async record(
    em: EntityManager,
    w: {
      unionId: string;
      date: string;
      reason: string;
      own: { bankName: string; accountName: string; accountNo: string } | null;
      bankReference: string | null;
      voucherId: string | null;
      amount: Decimal;
      by: { id: string | null; name: string };
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO union_withdrawals (union_id, withdrawn_on, reason, own_bank_name, own_account_name, own_account_no, bank_reference,
                                      voucher_id, amount, decided_by, decided_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [w.unionId, w.date, w.reason, w.own?.bankName ?? null, w.own?.accountName ?? null, w.own?.accountNo ?? null, w.bankReference,
        w.voucherId, w.amount.toFixed(2), w.by.id, w.by.name],
    );
  }
}
