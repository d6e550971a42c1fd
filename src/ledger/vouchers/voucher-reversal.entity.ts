import { Check, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, Column, Unique } from 'typeorm';
import { Voucher } from './voucher.entity';

/**
 * Links an original voucher to its red-ink reversal without touching the immutable original. The primary
 * key on the original makes "reversed at most once" a database fact.
 */
@Entity({ name: 'voucher_reversals' })
@Unique('uq_voucher_reversals_reversal', ['unionId', 'reversalId'])
@ForeignKey(() => Voucher, ['unionId', 'originalId'], ['unionId', 'id'], { name: 'fk_voucher_reversals_original' })
@ForeignKey(() => Voucher, ['unionId', 'reversalId'], ['unionId', 'id'], { name: 'fk_voucher_reversals_reversal' })
@Check('ck_voucher_reversals_distinct', `original_id <> reversal_id`)
export class VoucherReversal {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_reversals' })
  unionId: string;

  @PrimaryColumn({ name: 'original_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_reversals' })
  originalId: string;

  @Column({ name: 'reversal_id', type: 'uuid' })
  reversalId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
