import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Center } from '../../unions/center.entity';

/** A center's accounting settings (one row per center, absent = the defaults). */
@Entity({ name: 'center_ledger_settings' })
@ForeignKey(() => Center, ['centerId'], ['id'], { name: 'fk_center_ledger_settings_center' })
@Check('ck_center_ledger_settings_thresholds', `general_equipment_threshold > 0 AND special_equipment_threshold > 0`)
export class CenterLedgerSettings {
  @PrimaryColumn({ name: 'center_id', type: 'uuid', primaryKeyConstraintName: 'pk_center_ledger_settings' })
  centerId: string;

  /** One person may prepare and post a reversal at once (recorded on the voucher); off by default. */
  @Column({ name: 'one_person_reversal', type: 'boolean', default: false })
  onePersonReversal: boolean;

  /** 第三十二条: general equipment is a fixed asset from this unit price on. */
  @Column({ name: 'general_equipment_threshold', type: 'numeric', precision: 18, scale: 2, default: 1000 })
  generalEquipmentThreshold: string;

  /** 第三十二条: special equipment is a fixed asset from this unit price on. */
  @Column({ name: 'special_equipment_threshold', type: 'numeric', precision: 18, scale: 2, default: 1500 })
  specialEquipmentThreshold: string;

  /** 会计主管, printed on vouchers. */
  @Column({ name: 'chief_accountant', type: 'varchar', length: 50, nullable: true })
  chiefAccountant: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
