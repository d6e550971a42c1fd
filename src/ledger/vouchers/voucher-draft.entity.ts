import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Period } from '../periods/period.entity';
import { Voucher } from './voucher.entity';
import { VoucherType } from '../domain/voucher-type';
import { VoucherSource } from './voucher.entity';

/** A voucher being prepared: edited or deleted freely, never in a closed period (trigger), not in the books. */
@Entity({ name: 'voucher_drafts' })
@ForeignKey(() => Period, ['unionId', 'period'], ['unionId', 'period'], { name: 'fk_voucher_drafts_period' })
@ForeignKey(() => Voucher, ['unionId', 'reversalOf'], ['unionId', 'id'], { name: 'fk_voucher_drafts_reversal_of' })
@Index('ix_voucher_drafts_period', ['unionId', 'period'])
@Index('ix_voucher_drafts_reversal_of', ['unionId', 'reversalOf'], { where: 'reversal_of IS NOT NULL' })
@Check('ck_voucher_drafts_period', `period = ledger_period_of(voucher_date)`)
@Check('ck_voucher_drafts_type', `voucher_type IN ('general', 'receipt', 'payment', 'transfer')`)
@Check('ck_voucher_drafts_attachments', `attachment_count BETWEEN 0 AND 9999`)
@Check('ck_voucher_drafts_source', `source IN ('manual', 'reversal', 'claim', 'closing', 'import', 'receipt', 'allocation', 'withdrawal', 'correction', 'asset')`)
export class VoucherDraft {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_drafts' })
  unionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_voucher_drafts' })
  id: string;

  @Column({ name: 'voucher_date', type: 'date' })
  voucherDate: string;

  @Column({ type: 'integer' })
  period: number;

  @Column({ name: 'voucher_type', type: 'varchar', length: 10 })
  voucherType: VoucherType;

  @Column({ type: 'boolean', default: false })
  red: boolean;

  @Column({ name: 'attachment_count', type: 'integer', default: 0 })
  attachmentCount: number;

  @Column({ type: 'varchar', length: 16, default: 'manual' })
  source: VoucherSource;

  @Column({ type: 'varchar', length: 64 })
  preparer: string;

  @Column({ name: 'preparer_id', type: 'uuid', nullable: true })
  preparerId: string | null;

  /** 审核 recorded before posting (a claim's payment voucher); null until then. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reviewer: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  /** 出纳 who paid (a claim's payment voucher). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  cashier: string | null;

  @Column({ name: 'cashier_id', type: 'uuid', nullable: true })
  cashierId: string | null;

  /** A reversal draft: the posted voucher it reverses. */
  @Column({ name: 'reversal_of', type: 'uuid', nullable: true })
  reversalOf: string | null;

  /** Bumped by every edit; posting deletes the draft only at the version it validated. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
