import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/common.errors';
import { UnionStatus } from '../unions/union.entity';
import { withdrawn } from '../unions/unions.service';
import { AccountView, VoucherContext } from './domain/voucher.rules';
import { VoucherNumbering } from './domain/voucher-type';

export interface UnionBooks {
  id: string;
  status: UnionStatus;
  numbering: VoucherNumbering;
  firstPeriod: number;
}

interface ContextRow {
  status: UnionStatus;
  numbering: VoucherNumbering;
  firstPeriod: number;
  periodStatus: 'open' | 'closed' | null;
  accounts: AccountView[];
  projects: { code: string; isActive: boolean }[];
}

/** Reads and locks a union's books as a whole: the union row, its posting lock, and the context of a voucher. */
@Injectable()
export class BooksRepository {
  /**
   * The per-union lock that serializes postings, closings and opening balances of one union (never a lock
   * shared by all unions). The posting trigger takes the same lock, so no path can post around it.
   */
  async lockUnion(em: EntityManager, unionId: string, opts: { forWrite: boolean }): Promise<UnionBooks> {
    const rows: UnionBooks[] = await em.query(
      `SELECT u.id, u.status, u.voucher_numbering AS numbering, u.first_period AS "firstPeriod"
         FROM unions u, LATERAL (SELECT pg_advisory_xact_lock(hashtextextended('union:' || u.id::text, 0))) lock
        WHERE u.id = $1`,
      [unionId],
    );
    return this.checked(rows[0], unionId, opts.forWrite);
  }

  async findUnion(em: EntityManager, unionId: string, opts: { forWrite: boolean }): Promise<UnionBooks> {
    const rows: UnionBooks[] = await em.query(
      `SELECT u.id, u.status, u.voucher_numbering AS numbering, u.first_period AS "firstPeriod"
         FROM unions u WHERE u.id = $1`,
      [unionId],
    );
    return this.checked(rows[0], unionId, opts.forWrite);
  }

  /** Everything the voucher rules need in one round trip: accounts come with their ancestors, for names. */
  async voucherContext(
    em: EntityManager,
    unionId: string,
    want: { period: number; accountCodes: string[]; projectCodes: string[] },
  ): Promise<VoucherContext & { union: UnionBooks }> {
    const rows: ContextRow[] = await em.query(
      `SELECT u.status, u.voucher_numbering AS numbering, u.first_period AS "firstPeriod",
              (SELECT p.status FROM periods p WHERE p.union_id = u.id AND p.period = $2) AS "periodStatus",
              (SELECT coalesce(json_agg(json_build_object('code', a.code, 'name', a.name, 'category', a.category,
                                                          'isLeaf', a.is_leaf, 'isActive', a.is_active)), '[]'::json)
                 FROM accounts a
                WHERE a.union_id = u.id
                  AND a.code IN (SELECT left(c, n) FROM unnest($3::text[]) c, generate_series(3, 9, 2) n
                                  WHERE n <= length(c))) AS accounts,
              (SELECT coalesce(json_agg(json_build_object('code', pr.code, 'isActive', pr.is_active)), '[]'::json)
                 FROM projects pr WHERE pr.union_id = u.id AND pr.code = ANY($4::text[])) AS projects
         FROM unions u WHERE u.id = $1`,
      [unionId, want.period, want.accountCodes, want.projectCodes],
    );
    const row = rows[0];
    const union = this.checked(row && { id: unionId, ...row }, unionId, true);
    return {
      union,
      numbering: row.numbering,
      firstPeriod: row.firstPeriod,
      periodClosed: row.periodStatus === 'closed',
      accounts: new Map(row.accounts.map((a) => [a.code, a])),
      projects: new Map(row.projects.map((p) => [p.code, { isActive: p.isActive }])),
    };
  }

  private checked(union: UnionBooks | undefined, unionId: string, forWrite: boolean): UnionBooks {
    if (!union) throw notFound('工会', { unionId });
    if (forWrite && union.status === 'withdrawn') throw withdrawn();
    return union;
  }
}
