import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { Database } from '../database/database.service';
import { AuditEntry, SERVICE_CHAIN } from './audit-entry.entity';

export interface AuditEvent {
  /** null: an event of the service as a whole (logins, users, grants, centers). */
  unionId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  user?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/**
 * Appends audit records inside the caller's transaction, so a change and its record commit together or not
 * at all. Numbering and hashing happen in the database (trigger), chained per union; records of one
 * statement are inserted in union order, the order in which their chain heads are locked.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: Database) {}

  async record(em: EntityManager, actor: Actor, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    await em.query(
      `INSERT INTO audit_log (union_id, seq, user_id, username, action, entity_type, entity_id, before, after, request_id, client_ip, prev_hash, hash)
       SELECT x.u, 0, $1, $2, x.a, x.t, x.e, x.b, x.af, $3, $4, '', ''
         FROM unnest($5::uuid[], $6::varchar[], $7::varchar[], $8::varchar[], $9::jsonb[], $10::jsonb[])
              WITH ORDINALITY AS x(u, a, t, e, b, af, ord)
        ORDER BY x.u, x.ord`,
      [
        actor.id,
        actor.username,
        actor.requestId,
        actor.ip,
        events.map((e) => e.unionId ?? SERVICE_CHAIN),
        events.map((e) => e.action),
        events.map((e) => e.entityType),
        events.map((e) => e.entityId),
        events.map((e) => json(e.before)),
        events.map((e) => json(e.after)),
      ],
    );
  }

  /** Records outside any other change (logins): a transaction of their own. */
  recordAlone(actor: Actor, events: AuditEvent[]): Promise<void> {
    return this.db.transaction((em) => this.record(em, actor, events));
  }

  async list(unionId: string | null, f: AuditFilter): Promise<Page<AuditEntry>> {
    const qb = this.db.manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.union_id = :unionId', { unionId: unionId ?? SERVICE_CHAIN });
    if (f.user) qb.andWhere('(a.username = :user OR a.user_id::text = :user)', { user: f.user });
    if (f.action) qb.andWhere('(a.action = :action OR a.action LIKE :prefix)', { action: f.action, prefix: `${f.action}.%` });
    if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
    if (f.to) qb.andWhere('a.at < :to', { to: f.to });
    const [items, total] = await qb
      .orderBy('a.seq', 'DESC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { items, total, page: f.page, pageSize: f.pageSize };
  }
}
