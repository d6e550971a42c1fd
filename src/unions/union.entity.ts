import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Center } from './center.entity';

export const UnionStatuses = ['active', 'suspended', 'withdrawn'] as const;
export type UnionStatus = (typeof UnionStatuses)[number];
export const ChartTemplates = ['grassroots', 'county'] as const;
export type ChartTemplate = (typeof ChartTemplates)[number];

/** 基层工会: its own accounting entity with its own books, kept by one center. */
@Entity({ name: 'unions' })
@Unique('uq_unions_center_code', ['centerId', 'code'])
// composite foreign keys (a union's share of a pooled account of its own center) point here
@Unique('uq_unions_id_center', ['id', 'centerId'])
@ForeignKey(() => Center, ['centerId'], ['id'], { name: 'fk_unions_center' })
@Check('ck_unions_chart_template', `chart_template IN ('grassroots', 'county')`)
@Check('ck_unions_status', `status IN ('active', 'suspended', 'withdrawn')`)
@Check('ck_unions_voucher_numbering', `voucher_numbering IN ('general', 'typed')`)
@Check('ck_unions_first_period', `first_period BETWEEN 190001 AND 219912 AND first_period % 100 BETWEEN 1 AND 12`)
export class Union {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_unions' })
  id: string;

  @Column({ name: 'center_id', type: 'uuid' })
  centerId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'chart_template', type: 'varchar', length: 16 })
  chartTemplate: ChartTemplate;

  @Column({ name: 'first_period', type: 'integer' })
  firstPeriod: number;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UnionStatus;

  @Column({ name: 'voucher_numbering', type: 'varchar', length: 16, default: 'general' })
  voucherNumbering: 'general' | 'typed';

  @Column({ name: 'agreement_number', type: 'varchar', length: 64, nullable: true })
  agreementNumber: string | null;

  @Column({ name: 'agreement_date', type: 'date', nullable: true })
  agreementDate: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
