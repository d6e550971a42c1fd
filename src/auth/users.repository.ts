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

  /** One failed password: the new count, and the lock when it reaches the threshold (atomic under races). */
  async recordFailure(em: EntityManager, id: string, threshold: number, lockMinutes: number): Promise<{ failures: number; lockedUntil: Date | null }> {
    const [rows] = (await em.query(
      `UPDATE users
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING failed_logins AS failures, locked_until AS "lockedUntil"`,
      [id, threshold, lockMinutes],
    )) as [{ failures: number; lockedUntil: Date | null }[], number];
    return rows[0];
  }

  async recordSuccess(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)`, [id]);
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
