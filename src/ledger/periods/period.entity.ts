import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Union } from '../../unions/union.entity';

/** A calendar month of one union's books. Rows appear on first use; a missing row reads as open. */
@Entity({ name: 'periods' })
@ForeignKey(() => Union, ['unionId'], ['id'], { name: 'fk_periods_union' })
@Check('ck_periods_status', `status IN ('open', 'closed')`)
@Check('ck_periods_period', `period BETWEEN 190001 AND 219912 AND period % 100 BETWEEN 1 AND 12`)
export class Period {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_periods' })
  unionId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_periods' })
  period: number;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: 'open' | 'closed';

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 64, nullable: true })
  closedBy: string | null;
}
