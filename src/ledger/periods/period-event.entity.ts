import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Period } from './period.entity';

/** Every close and reopen, with the reason for a reopen. Append-only (trigger). */
@Entity({ name: 'period_events' })
@ForeignKey(() => Period, ['unionId', 'period'], ['unionId', 'period'], { name: 'fk_period_events_period' })
@Check('ck_period_events_action', `action IN ('close', 'reopen')`)
@Check('ck_period_events_reason', `action <> 'reopen' OR length(btrim(reason)) > 0`)
export class PeriodEvent {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_period_events' })
  unionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_period_events' })
  id: string;

  @Column({ type: 'integer' })
  period: number;

  @Column({ type: 'varchar', length: 8 })
  action: 'close' | 'reopen';

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Set by trigger to the writing transaction; lets the periods guard demand an event in the same transaction. */
  @Column({ name: 'tx_id', type: 'bigint' })
  txId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
