import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Records of the service as a whole (logins, users, grants, centers) are chained under this union id. */
export const SERVICE_CHAIN = '00000000-0000-0000-0000-000000000000';

/** One audit record: append-only, numbered and hash-chained per union by the database (trigger). */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_at', ['unionId', 'at'])
@Index('ix_audit_log_user', ['unionId', 'userId', 'at'])
export class AuditEntry {
  @PrimaryColumn({ name: 'union_id', type: 'uuid', primaryKeyConstraintName: 'pk_audit_log' })
  unionId: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
