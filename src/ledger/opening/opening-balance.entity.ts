import Decimal from 'decimal.js';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../database/decimal.transformer';
import { Account } from '../accounts/account.entity';

/** 期初余额 as entered for the union's first period, signed debit-positive; the base of every replay. */
@Entity({ name: 'opening_balances' })
@ForeignKey(() => Account, ['unionId', 'accountCode'], ['unionId', 'code'], { name: 'fk_opening_balances_account' })
@Check('ck_opening_balances_nonzero', `amount <> 0`)
export class OpeningBalance {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_opening_balances' })
  unionId: string;

  @PrimaryColumn({ name: 'account_code', type: 'varchar', length: 9, primaryKeyConstraintName: 'pk_opening_balances' })
  accountCode: string;

  @Column(moneyColumn)
  amount: Decimal;
}
