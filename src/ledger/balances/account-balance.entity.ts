import Decimal from 'decimal.js';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../database/decimal.transformer';
import { Account } from '../accounts/account.entity';

/**
 * Per union, leaf account and period: signed (debit-positive) opening and closing with the period's debit
 * and credit activity. Rows exist only for periods with activity (or the opening balances); maintained
 * inside the posting transaction. Parents are rolled up at query time.
 */
@Entity({ name: 'account_balances' })
@ForeignKey(() => Account, ['unionId', 'accountCode'], ['unionId', 'code'], { name: 'fk_account_balances_account' })
@Check('ck_account_balances_closing', `closing = opening + debit - credit`)
export class AccountBalance {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_account_balances' })
  unionId: string;

  @PrimaryColumn({ name: 'account_code', type: 'varchar', length: 9, primaryKeyConstraintName: 'pk_account_balances' })
  accountCode: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_account_balances' })
  period: number;

  @Column({ ...moneyColumn, default: 0 })
  opening: Decimal;

  @Column({ ...moneyColumn, default: 0 })
  debit: Decimal;

  @Column({ ...moneyColumn, default: 0 })
  credit: Decimal;

  @Column({ ...moneyColumn, default: 0 })
  closing: Decimal;
}
