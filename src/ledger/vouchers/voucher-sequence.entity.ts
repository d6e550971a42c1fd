import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Period } from '../periods/period.entity';

/** Last number used per union, period and voucher type; advanced only by the voucher trigger. */
@Entity({ name: 'voucher_sequences' })
@ForeignKey(() => Period, ['unionId', 'period'], ['unionId', 'period'], { name: 'fk_voucher_sequences_period' })
@Check('ck_voucher_sequences_last', `last_number >= 1`)
export class VoucherSequence {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_voucher_sequences' })
  unionId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_voucher_sequences' })
  period: number;

  @PrimaryColumn({ name: 'voucher_type', type: 'varchar', length: 10, primaryKeyConstraintName: 'pk_voucher_sequences' })
  voucherType: string;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
