import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/common.errors';
import { preparedQuery } from '../database/prepared-query';
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
   * The union's periods lock, exclusive: no voucher of the union is being written while we hold it (every
   * voucher write holds it shared, taken by the voucher trigger). For closing and reopening periods.
   */
  lockPeriods(em: EntityManager, unionId: string, opts: { forWrite: boolean }): Promise<UnionBooks> {
    return this.lockedUnion(em, unionId, 'pg_advisory_xact_lock(ledger_periods_lock_key(u.id))', opts);
  }

  /**
   * The union's posting lock (after its periods lock, shared, the order every path uses): postings of the
   * union wait for us and we for them. One union's lock, never a lock shared by all unions.
   */
  lockPosting(em: EntityManager, unionId: string, opts: { forWrite: boolean }): Promise<UnionBooks> {
    return this.lockedUnion(
      em,
      unionId,
      'pg_advisory_xact_lock_shared(ledger_periods_lock_key(u.id)), pg_advisory_xact_lock(ledger_posting_lock_key(u.id))',
      opts,
    );
  }

  private async lockedUnion(em: EntityManager, unionId: string, locks: string, opts: { forWrite: boolean }): Promise<UnionBooks> {
    const rows: UnionBooks[] = await em.query(
      `SELECT u.id, u.status, u.voucher_numbering AS numbering, u.first_period AS "firstPeriod"
         FROM unions u, LATERAL (SELECT ${locks}) locked
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

  /** Everything the voucher rules need in one round trip; accounts come with their ancestors, for names. */
  async voucherContext(
    em: EntityManager,
    unionId: string,
    want: { period: number; accountCodes: string[]; projectCodes: string[] },
  ): Promise<VoucherContext & { union: UnionBooks }> {
    const codes = new Set<string>();
    for (const code of want.accountCodes) for (let n = 3; n <= code.length; n += 2) codes.add(code.slice(0, n));
    // one JSON document: the driver parses it once, instead of an array literal and each element in it
    const rows = await preparedQuery<{ ctx: ContextRow | null }>(
      em,
      'ledger.voucher-context',
      `SELECT json_build_object(
                'status', u.status, 'numbering', u.voucher_numbering, 'firstPeriod', u.first_period,
                'periodStatus', (SELECT p.status FROM periods p WHERE p.union_id = u.id AND p.period = $2),
                'accounts', coalesce((SELECT json_agg(json_build_object('code', a.code, 'name', a.name, 'category', a.category,
                                                                        'isLeaf', a.is_leaf, 'isActive', a.is_active))
                                        FROM accounts a WHERE a.union_id = u.id AND a.code = ANY($3::varchar[])), '[]'::json),
                'projects', coalesce((SELECT json_agg(json_build_object('code', pr.code, 'isActive', pr.is_active))
                                        FROM projects pr WHERE pr.union_id = u.id AND pr.code = ANY($4::varchar[])), '[]'::json)
              ) AS ctx
         FROM unions u WHERE u.id = $1`,
      [unionId, want.period, [...codes], want.projectCodes],
    );
    const row = rows[0]?.ctx;
    if (!row) throw notFound('工会', { unionId });
    const union = this.checked({ id: unionId, ...row }, unionId, true);
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
