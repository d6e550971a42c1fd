import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Union } from '../../unions/union.entity';
import { Period } from '../periods/period.entity';
import { VoucherType } from '../domain/voucher-type';

export type VoucherStatus = 'draft' | 'posted';
export type VoucherSource = 'manual' | 'reversal' | 'claim' | 'closing' | 'import';

/** 记账凭证 header. Posted rows are immutable (trigger); the number is assigned by the database on posting. */
@Entity({ name: 'vouchers' })
@ForeignKey(() => Union, ['unionId'], ['id'], { name: 'fk_vouchers_union' })
@ForeignKey(() => Period, ['unionId', 'period'], ['unionId', 'period'], { name: 'fk_vouchers_period' })
@Index('uq_vouchers_number', ['unionId', 'period', 'voucherType', 'number'], { unique: true, where: 'number IS NOT NULL' })
@Index('ix_vouchers_status_period', ['unionId', 'status', 'period'])
@Check('ck_vouchers_period', `period = ledger_period_of(voucher_date)`)
@Check('ck_vouchers_type', `voucher_type IN ('general', 'receipt', 'payment', 'transfer')`)
@Check('ck_vouchers_status', `status IN ('draft', 'posted')`)
@Check('ck_vouchers_posted', `(status = 'posted') = (number IS NOT NULL AND posted_at IS NOT NULL)`)
@Check('ck_vouchers_number', `number IS NULL OR number > 0`)
@Check('ck_vouchers_attachments', `attachment_count BETWEEN 0 AND 9999`)
@Check('ck_vouchers_source', `source IN ('manual', 'reversal', 'claim', 'closing', 'import')`)
export class Voucher {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_vouchers' })
  unionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_vouchers' })
  id: string;

  @Column({ name: 'voucher_date', type: 'date' })
  voucherDate: string;

  @Column({ type: 'integer' })
  period: number;

  @Column({ name: 'voucher_type', type: 'varchar', length: 10 })
  voucherType: VoucherType;

  @Column({ type: 'varchar', length: 8 })
  status: VoucherStatus;

  @Column({ type: 'integer', nullable: true })
  number: number | null;

  @Column({ type: 'boolean', default: false })
  red: boolean;

  @Column({ name: 'attachment_count', type: 'integer', default: 0 })
  attachmentCount: number;

  @Column({ type: 'varchar', length: 16, default: 'manual' })
  source: VoucherSource;

  @Column({ type: 'varchar', length: 64 })
  preparer: string;

  @Column({ name: 'posted_by', type: 'varchar', length: 64, nullable: true })
  postedBy: string | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
