import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { Period } from '../periods/period.entity';
import { VoucherType } from '../domain/voucher-type';

export type VoucherSource = 'manual' | 'reversal' | 'claim' | 'closing' | 'import' | 'receipt' | 'allocation' | 'withdrawal';

/**
 * A posted 记账凭证. Append-only (trigger): the database numbers it on insert and refuses any later change.
 * The period foreign key also guarantees the union exists.
 */
@Entity({ name: 'vouchers' })
@Unique('uq_vouchers_number', ['unionId', 'period', 'voucherType', 'number'])
@ForeignKey(() => Period, ['unionId', 'period'], ['unionId', 'period'], { name: 'fk_vouchers_period' })
@Check('ck_vouchers_period', `period = ledger_period_of(voucher_date)`)
@Check('ck_vouchers_type', `voucher_type IN ('general', 'receipt', 'payment', 'transfer')`)
@Check('ck_vouchers_number', `number > 0`)
@Check('ck_vouchers_attachments', `attachment_count BETWEEN 0 AND 9999`)
@Check('ck_vouchers_source', `source IN ('manual', 'reversal', 'claim', 'closing', 'import', 'receipt', 'allocation', 'withdrawal', 'correction', 'asset')`)
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

  @Column({ type: 'integer' })
  number: number;

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

  @Column({ name: 'posted_by', type: 'varchar', length: 64 })
  postedBy: string;

  @Column({ name: 'posted_by_id', type: 'uuid', nullable: true })
  postedById: string | null;

  /** 审核: null on vouchers posted before it was recorded apart (then the poster reviewed and posted at once). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reviewer: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  /** 出纳: who paid or received the money (claim payments); never the reviewer or the poster. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  cashier: string | null;

  @Column({ name: 'cashier_id', type: 'uuid', nullable: true })
  cashierId: string | null;

  /** A reversal prepared and posted by one person, as the center's setting allows. */
  @Column({ name: 'one_person', type: 'boolean', default: false })
  onePerson: boolean;

  /** When the voucher was first saved (as a draft, or now when posted directly). */
  @Column({ name: 'prepared_at', type: 'timestamptz', default: () => 'now()' })
  preparedAt: Date;

  @Column({ name: 'posted_at', type: 'timestamptz', default: () => 'now()' })
  postedAt: Date;
}
