import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../common/http/pagination.dto';
import { insertEntity } from '../database/insert-entity';
import { Center } from './center.entity';
import { ChartTemplate, Union, UnionStatus } from './union.entity';

/** Where a user's permission reaches (see auth/permissions reach()). */
export interface Scope {
  all: boolean;
  centerIds: string[];
  unionIds: string[];
}

/** The union's share of the center's pooled bank account: a detail of 102 银行存款 created with the union. */
export const FUNDING_ACCOUNT = { code: '10201', name: '集中核算户', parentCode: '102' } as const;

/** A union as the API shows it: with the account of its (default) share of the pooled bank account. */
export type UnionView = Union & { fundingAccountCode: string | null };

@Injectable()
export class UnionsRepository {
  /** A new center, with its first pooled bank account (统一账户), whose details the director then registers. */
  async insertCenter(em: EntityManager, center: Pick<Center, 'id' | 'code' | 'name'>, bankAccountId: string): Promise<Center> {
    const saved = await insertEntity(em, Center, center);
    await em.query(`INSERT INTO bank_accounts (center_id, id, is_default) VALUES ($1, $2, true)`, [center.id, bankAccountId]);
    return saved;
  }

  /** The pooled account a new union's money goes to: the one named (active, of the union's center) or the center's default. */
  async pooledAccountFor(em: EntityManager, centerId: string, bankAccountId: string | undefined): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM bank_accounts WHERE center_id = $1 AND status = 'active' AND (CASE WHEN $2::uuid IS NULL THEN is_default ELSE id = $2::uuid END)`,
      [centerId, bankAccountId ?? null],
    );
    return rows[0]?.id ?? null;
  }

  /** The account of each union's default share of a pooled account. */
  async withFundingAccounts(em: EntityManager, unions: Union[]): Promise<UnionView[]> {
    if (unions.length === 0) return [];
    const rows: { unionId: string; code: string }[] = await em.query(
      `SELECT union_id AS "unionId", account_code AS code FROM bank_account_shares WHERE union_id = ANY($1::uuid[]) AND is_default`,
      [unions.map((u) => u.id)],
    );
    const codes = new Map(rows.map((r) => [r.unionId, r.code]));
    return unions.map((u) => Object.assign(u, { fundingAccountCode: codes.get(u.id) ?? null }));
  }

  /** Every center, or those of the given centers and of the centers of the given unions. */
  listCenters(em: EntityManager, scope: Scope): Promise<Center[]> {
    if (scope.all) return em.getRepository(Center).find({ order: { code: 'ASC' } });
    return em.query(
      `SELECT id, code, name, created_at AS "createdAt" FROM centers
        WHERE id = ANY($1::uuid[]) OR id IN (SELECT center_id FROM unions WHERE id = ANY($2::uuid[]))
        ORDER BY code`,
      [scope.centerIds, scope.unionIds],
    );
  }

  findUnion(em: EntityManager, unionId: string): Promise<Union | null> {
    return em.getRepository(Union).findOneBy({ id: unionId });
  }

  /** The union row locked for a status or settings change. */
  lockUnion(em: EntityManager, unionId: string): Promise<Union | null> {
    return em.getRepository(Union).findOne({ where: { id: unionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The union's posting lock (after its periods lock, shared: the order every posting takes them). */
  async lockPosting(em: EntityManager, unionId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock_shared(ledger_periods_lock_key($1)), pg_advisory_xact_lock(ledger_posting_lock_key($1))`, [unionId]);
  }

  async listUnions(
    em: EntityManager,
    filter: { centerId?: string; status?: UnionStatus; q?: string; page: number; pageSize: number },
    scope: Scope,
  ): Promise<Page<Union>> {
    const qb = em.getRepository(Union).createQueryBuilder('u');
    if (!scope.all) {
      qb.where('(u.center_id = ANY(:centers) OR u.id = ANY(:unions))', { centers: scope.centerIds, unions: scope.unionIds });
    }
    if (filter.centerId) qb.andWhere('u.center_id = :centerId', { centerId: filter.centerId });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter.q) {
      qb.andWhere("(u.name ILIKE :q OR u.code ILIKE :q)", { q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    const [items, total] = await qb
      .orderBy('u.code', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  insertUnion(em: EntityManager, union: Partial<Union>): Promise<Union> {
    return insertEntity(em, Union, union);
  }

  saveUnion(em: EntityManager, union: Union): Promise<Union> {
    return em.getRepository(Union).save(union);
  }

  /** Copies the standard chart into the union's books and adds its funding account under 102, its share of the pooled account. */
  async installChart(em: EntityManager, union: Pick<Union, 'id' | 'centerId' | 'chartTemplate'>, bankAccountId: string): Promise<void> {
    const { id: unionId, chartTemplate: template } = union;
    await em.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       SELECT $1, t.code, t.name, t.category, t.normal_side, t.parent_code, t.level, true,
              NOT EXISTS (SELECT 1 FROM chart_template_accounts c WHERE c.template = t.template AND c.parent_code = t.code)
              AND t.code <> $3
         FROM chart_template_accounts t
        WHERE t.template = $2`,
      [unionId, template, FUNDING_ACCOUNT.parentCode],
    );
    await em.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf)
       VALUES ($1, $2, $3, 'asset', 'debit', $4, 2, true, true)`,
      [unionId, FUNDING_ACCOUNT.code, FUNDING_ACCOUNT.name, FUNDING_ACCOUNT.parentCode],
    );
    await em.query(
      `INSERT INTO bank_account_shares (union_id, account_code, center_id, bank_account_id, is_default) VALUES ($1, $2, $3, $4, true)`,
      [unionId, FUNDING_ACCOUNT.code, union.centerId, bankAccountId],
    );
  }

  /**
   * The union's periods lock (exclusive) and posting lock, then its row: no voucher, draft or reservation
   * of the union is in flight while a status change commits, and the ones after it see it. The advisory
   * locks come first, as for a change of numbering scheme (postings take them before anything else).
   */
  async lockUnionBooks(em: EntityManager, unionId: string): Promise<Union | null> {
    await em.query(`SELECT pg_advisory_xact_lock(ledger_periods_lock_key($1)), pg_advisory_xact_lock(ledger_posting_lock_key($1))`, [unionId]);
    return this.lockUnion(em, unionId);
  }

  async hasPostedVouchers(em: EntityManager, unionId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM vouchers WHERE union_id = $1 LIMIT 1`,
      [unionId],
    );
    return rows.length > 0;
  }
}
