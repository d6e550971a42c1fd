import Decimal from 'decimal.js';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../database/decimal.transformer';
import { Account } from '../accounts/account.entity';
import { FundType } from '../domain/account-rules';
import { Project } from '../projects/project.entity';

/**
 * 分录 of a posted voucher. Carries the voucher's date so ledgers read one index. Its voucher is enforced by
 * the lines trigger (which also demands the same transaction), not by a foreign key.
 */
@Entity({ name: 'voucher_lines' })
@ForeignKey(() => Account, ['unionId', 'accountCode'], ['unionId', 'code'], { name: 'fk_voucher_lines_account' })
@ForeignKey(() => Project, ['unionId', 'projectCode'], ['unionId', 'code'], { name: 'fk_voucher_lines_project' })
@Index('ix_voucher_lines_account', ['unionId', 'accountCode', 'voucherDate'])
@Check('ck_voucher_lines_one_side', `(debit = 0) <> (credit = 0)`)
@Check('ck_voucher_lines_line_no', `line_no >= 1`)
@Check('ck_voucher_lines_fund_type', `fund_type IS NULL OR fund_type IN ('restricted', 'unrestricted')`)
export class VoucherLine {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_lines' })
  unionId: string;

  @PrimaryColumn({ name: 'voucher_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_lines' })
  voucherId: string;

  @PrimaryColumn({ name: 'line_no', type: 'smallint', primaryKeyConstraintName: 'pk_voucher_lines' })
  lineNo: number;

  @Column({ name: 'voucher_date', type: 'date' })
  voucherDate: string;

  @Column({ type: 'varchar', length: 200 })
  summary: string;

  @Column({ name: 'account_code', type: 'varchar', length: 9 })
  accountCode: string;

  @Column({ ...moneyColumn, default: 0 })
  debit: Decimal;

  @Column({ ...moneyColumn, default: 0 })
  credit: Decimal;

  @Column({ name: 'project_code', type: 'varchar', length: 32, nullable: true })
  projectCode: string | null;

  @Column({ name: 'fund_type', type: 'varchar', length: 12, nullable: true })
  fundType: FundType | null;
}
