import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Wrong passwords per login name, whether or not a user has that name: an unknown name locks exactly like a
 * known one, so the answers never tell which names exist. A row goes away on a successful login, or after a
 * day without failures once it is not locked.
 */
@Entity({ name: 'login_throttle' })
@Check('ck_login_throttle_failures', 'failures >= 0')
@Index('ix_login_throttle_last_failure', ['lastFailureAt'])
export class LoginThrottle {
  /** The name as typed at login, trimmed and lower-cased. */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_login_throttle' })
  username: string;

  /** Wrong passwords since the last success or the last lock. */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', default: () => 'now()' })
  lastFailureAt: Date;
}
