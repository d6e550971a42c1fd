import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowServiceChanges, revokeServiceChanges } from './roles';

/**
 * Lockout by login name (`login_throttle`) instead of by user row: wrong passwords for a name nobody has
 * count and lock exactly like those for a real user, so lockout answers no longer reveal which names exist.
 * Counts and locks in force move over from users.failed_logins / locked_until, which go.
 */
export class LoginThrottle1795347000000 implements MigrationInterface {
  name = 'LoginThrottle1795347000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        username varchar(64) NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_login_throttle PRIMARY KEY (username),
        CONSTRAINT ck_login_throttle_failures CHECK (failures >= 0)
      )`);
    await q.query(`CREATE INDEX ix_login_throttle_last_failure ON login_throttle (last_failure_at)`);
    await q.query(`
      INSERT INTO login_throttle (username, failures, locked_until)
      SELECT username, failed_logins, locked_until FROM users WHERE failed_logins > 0 OR locked_until > now()`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until`);
    await allowServiceChanges(q, 'login_throttle', { update: true, delete: true });
  }

  async down(q: QueryRunner): Promise<void> {
    await revokeServiceChanges(q, 'login_throttle');
    await q.query(`ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`);
    await q.query(`
      UPDATE users u SET failed_logins = t.failures, locked_until = t.locked_until
        FROM login_throttle t WHERE t.username = u.username`);
    await q.query(`DROP TABLE login_throttle`);
  }
}
