import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../common/http/pagination.dto';
import { insertEntity } from '../database/insert-entity';
import { Grant } from './grant.entity';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  findById(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOneBy({ id });
  }

  findByUsername(em: EntityManager, username: string): Promise<User | null> {
    return em.getRepository(User).findOneBy({ username: username.toLowerCase() });
  }

  lock(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(em: EntityManager, user: Partial<User>): Promise<User> {
    return insertEntity(em, User, user);
  }

  save(em: EntityManager, user: User): Promise<User> {
    return em.getRepository(User).save(user);
  }

  async count(em: EntityManager): Promise<number> {
    return em.getRepository(User).count();
  }

  async list(em: EntityManager, page: number, pageSize: number, q?: string): Promise<Page<User>> {
    const qb = em.getRepository(User).createQueryBuilder('u');
    if (q) qb.where('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${q.replace(/[\\%_]/g, '\\$&')}%` });
    const [items, total] = await qb.orderBy('u.username').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items, total, page, pageSize };
  }

  /**
   * One wrong password (or unknown name) for a login name: the new count, and the lock when it reaches the
   * threshold, atomically under races. A count idle for a day starts again; each call also clears up to 100
   * such idle rows, so names tried once and never again do not pile up.
   */
  async recordFailure(em: EntityManager, username: string, threshold: number, lockMinutes: number): Promise<{ failures: number; lockedUntil: Date | null }> {
    const rows: { failures: number; lockedUntil: Date | null }[] = await em.query(
      `INSERT INTO login_throttle AS t (username, failures, locked_until, last_failure_at)
       VALUES ($1, CASE WHEN 1 >= $2 THEN 0 ELSE 1 END, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END, now())
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN (CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 0 ELSE t.failures END) + 1 >= $2 THEN 0
                         ELSE (CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 0 ELSE t.failures END) + 1 END,
         locked_until = CASE WHEN (CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 0 ELSE t.failures END) + 1 >= $2
                             THEN now() + make_interval(mins => $3) ELSE t.locked_until END,
         last_failure_at = now()
       RETURNING failures, locked_until AS "lockedUntil"`,
      [username, threshold, lockMinutes],
    );
    await em.query(
      `DELETE FROM login_throttle WHERE username IN (
         SELECT username FROM login_throttle
          WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now()) LIMIT 100)`,
    );
    return rows[0];
  }

  /** Until when a login name is locked (null: it is not). */
  async lockedUntil(em: EntityManager, username: string): Promise<Date | null> {
    const rows: { lockedUntil: Date }[] = await em.query(
      `SELECT locked_until AS "lockedUntil" FROM login_throttle WHERE username = $1 AND locked_until > now()`,
      [username],
    );
    return rows[0]?.lockedUntil ?? null;
  }

  /** A successful login or an administrator's reset: the name's count and lock go. */
  async clearFailures(em: EntityManager, username: string): Promise<void> {
    await em.query(`DELETE FROM login_throttle WHERE username = $1`, [username]);
  }

  grantsOf(em: EntityManager, userId: string): Promise<Grant[]> {
    return em.getRepository(Grant).find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** The center of each of these unions. */
  async centersOfUnions(em: EntityManager, unionIds: string[]): Promise<Map<string, string>> {
    if (unionIds.length === 0) return new Map();
    const rows: { id: string; centerId: string }[] = await em.query(`SELECT id, center_id AS "centerId" FROM unions WHERE id = ANY($1::uuid[])`, [unionIds]);
    return new Map(rows.map((r) => [r.id, r.centerId]));
  }

  insertGrant(em: EntityManager, grant: Partial<Grant>): Promise<Grant> {
    return insertEntity(em, Grant, grant);
  }

  async deleteGrant(em: EntityManager, userId: string, grantId: string): Promise<Grant | null> {
    const grant = await em.getRepository(Grant).findOneBy({ id: grantId, userId });
    if (grant) await em.getRepository(Grant).delete({ id: grantId });
    return grant;
  }

  /** Active users holding the system administrator role, under lock (the last one must stay). */
  async activeAdmins(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT u.id FROM users u JOIN grants g ON g.user_id = u.id AND g.role = 'system_admin'
        WHERE u.status = 'active' FOR UPDATE OF u`,
    );
    return rows.map((r) => r.id);
  }
}
