import Decimal from 'decimal.js';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { moneyColumn } from '../../database/decimal.transformer';
import { Account } from '../accounts/account.entity';
import { FundType } from '../domain/account-rules';
import { Project } from '../projects/project.entity';
import { VoucherDraft } from './voucher-draft.entity';

@Entity({ name: 'voucher_draft_lines' })
@ForeignKey(() => VoucherDraft, ['unionId', 'draftId'], ['unionId', 'id'], { name: 'fk_voucher_draft_lines_draft', onDelete: 'CASCADE' })
@ForeignKey(() => Account, ['unionId', 'accountCode'], ['unionId', 'code'], { name: 'fk_voucher_draft_lines_account' })
@ForeignKey(() => Project, ['unionId', 'projectCode'], ['unionId', 'code'], { name: 'fk_voucher_draft_lines_project' })
@Index('ix_voucher_draft_lines_account', ['unionId', 'accountCode'])
@Check('ck_voucher_draft_lines_one_side', `(debit = 0) <> (credit = 0)`)
@Check('ck_voucher_draft_lines_line_no', `line_no >= 1`)
@Check('ck_voucher_draft_lines_fund_type', `fund_type IS NULL OR fund_type IN ('restricted', 'unrestricted')`)
export class VoucherDraftLine {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_draft_lines' })
  unionId: string;

  @PrimaryColumn({ name: 'draft_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_draft_lines' })
  draftId: string;

  @PrimaryColumn({ name: 'line_no', type: 'smallint', primaryKeyConstraintName: 'pk_voucher_draft_lines' })
  lineNo: number;

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
