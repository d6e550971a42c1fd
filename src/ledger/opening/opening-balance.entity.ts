import Decimal from 'decimal.js';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../database/decimal.transformer';
import { Account } from '../accounts/account.entity';
import { Project } from '../projects/project.entity';

/**
 * 期初余额 as entered for the union's first period, signed debit-positive; the base of every replay. One row
 * per account, or per account and project (a 321 sub-account's carried-forward funds belong to projects).
 */
@Entity({ name: 'opening_balances' })
@ForeignKey(() => Account, ['unionId', 'accountCode'], ['unionId', 'code'], { name: 'fk_opening_balances_account' })
@ForeignKey(() => Project, ['unionId', 'projectCode'], ['unionId', 'code'], { name: 'fk_opening_balances_project' })
// one row per account and project, NULL project compared equal: an expression index, kept by the migration
@Index('uq_opening_balances_account', { synchronize: false })
@Check('ck_opening_balances_nonzero', `amount <> 0`)
export class OpeningBalance {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_opening_balances' })
  unionId: string;

  @PrimaryColumn({ name: 'line_no', type: 'smallint', primaryKeyConstraintName: 'pk_opening_balances' })
  lineNo: number;

  @Column({ name: 'account_code', type: 'varchar', length: 9 })
  accountCode: string;

  @Column({ name: 'project_code', type: 'varchar', length: 32, nullable: true })
  projectCode: string | null;

  @Column(moneyColumn)
  amount: Decimal;
}
