import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { insertEntity } from '../../database/insert-entity';
import { Account } from './account.entity';

@Injectable()
export class AccountsRepository {
  list(em: EntityManager, unionId: string): Promise<Account[]> {
    return em.getRepository(Account).find({ where: { unionId }, order: { code: 'ASC' } });
  }

  /** Row lock: conflicts with the key-share locks that inserting lines takes, so a check here stays true. */
  lock(em: EntityManager, unionId: string, code: string): Promise<Account | null> {
    return em.getRepository(Account).findOne({ where: { unionId, code }, lock: { mode: 'pessimistic_write' } });
  }

  insert(em: EntityManager, account: Partial<Account>): Promise<Account> {
    return insertEntity(em, Account, account);
  }

  save(em: EntityManager, account: Account): Promise<Account> {
    return em.getRepository(Account).save(account);
  }

  async remove(em: EntityManager, unionId: string, code: string): Promise<void> {
    await em.getRepository(Account).delete({ unionId, code });
  }

  async hasChildren(em: EntityManager, unionId: string, code: string): Promise<boolean> {
    return (await em.getRepository(Account).countBy({ unionId, parentCode: code })) > 0;
  }

  /** Any line (draft or posted), opening balance or balance row on the account. */
  async isUsed(em: EntityManager, unionId: string, code: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM voucher_lines WHERE union_id = $1 AND account_code = $2)
                   OR EXISTS (SELECT 1 FROM voucher_draft_lines WHERE union_id = $1 AND account_code = $2)
                   OR EXISTS (SELECT 1 FROM opening_balances WHERE union_id = $1 AND account_code = $2)
                   OR EXISTS (SELECT 1 FROM account_balances WHERE union_id = $1 AND account_code = $2)`,
      [unionId, code],
    );
    return rows.length > 0;
  }

  async currentBalance(em: EntityManager, unionId: string, code: string): Promise<Decimal> {
    const rows: { closing: string }[] = await em.query(
      `SELECT closing FROM account_balances WHERE union_id = $1 AND account_code = $2 ORDER BY period DESC LIMIT 1`,
      [unionId, code],
    );
    return new Decimal(rows[0]?.closing ?? 0);
  }
}
