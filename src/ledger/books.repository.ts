import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/common.errors';
import { preparedQuery } from '../database/prepared-query';
import { UnionStatus } from '../unions/union.entity';
import { suspended, withdrawn } from '../unions/unions.service';
import { AccountView, VoucherContext } from './domain/voucher.rules';
import { VoucherNumbering } from './domain/voucher-type';

export interface ContextWanted {
  period: number;
  accountCodes: string[];
  projectCodes: string[];
}

export type UnionVoucherContext = VoucherContext & { union: UnionBooks };

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

  /** Everything the voucher rules need, in one round trip; accounts come with their ancestors, for names. */
  async voucherContext(em: EntityManager, unionId: string, want: ContextWanted): Promise<UnionVoucherContext> {
    const [ctx] = await this.voucherContexts(em, [{ unionId, want }]);
    if (ctx instanceof Error) throw ctx;
    return ctx;
  }

  /**
   * The contexts of several vouchers (of any unions) in one query: one JSON document per request, parsed
   * once. A request for a union that does not exist, or may not be written, gets its error in its place.
   */
  async voucherContexts(em: EntityManager, requests: { unionId: string; want: ContextWanted }[]): Promise<(UnionVoucherContext | Error)[]> {
    const codes = requests.map(({ want }) => {
      const all = new Set<string>();
      for (const code of want.accountCodes) for (let n = 3; n <= code.length; n += 2) all.add(code.slice(0, n));
      return [...all].join(',');
    });
    const rows = await preparedQuery<{ ctx: ContextRow | null }>(
      em,
      'ledger.voucher-contexts',
      `SELECT CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
                'status', u.status, 'numbering', u.voucher_numbering, 'firstPeriod', u.first_period,
                'periodStatus', (SELECT p.status FROM periods p WHERE p.union_id = u.id AND p.period = x.period),
                'accounts', coalesce((SELECT json_agg(json_build_object('code', a.code, 'name', a.name, 'category', a.category,
                                                                        'isLeaf', a.is_leaf, 'isActive', a.is_active))
                                        FROM accounts a
                                       WHERE a.union_id = u.id AND a.code = ANY(string_to_array(x.codes, ','))), '[]'::json),
                'projects', coalesce((SELECT json_agg(json_build_object('code', pr.code, 'isActive', pr.is_active))
                                        FROM projects pr
                                       WHERE pr.union_id = u.id AND pr.code = ANY(string_to_array(x.projects, ','))), '[]'::json)
              ) END AS ctx
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS x(union_id, period, codes, projects, ord)
         LEFT JOIN unions u ON u.id = x.union_id
        ORDER BY x.ord`,
      [requests.map((r) => r.unionId), requests.map((r) => r.want.period), codes, requests.map((r) => r.want.projectCodes.join(','))],
    );
    return rows.map(({ ctx: row }, i) => {
      const unionId = requests[i].unionId;
      try {
        if (!row) throw notFound('工会', { unionId });
        // the database refuses it too (the union's status, read under its locks); this only answers sooner
        if (row.status === 'suspended') throw suspended();
        return {
          union: this.checked({ id: unionId, ...row }, unionId, true),
          numbering: row.numbering,
          firstPeriod: row.firstPeriod,
          periodClosed: row.periodStatus === 'closed',
          accounts: new Map(row.accounts.map((a) => [a.code, a])),
          projects: new Map(row.projects.map((p) => [p.code, { isActive: p.isActive }])),
        };
      } catch (err) {
        return err as Error;
      }
    });
  }

  private checked(union: UnionBooks | undefined, unionId: string, forWrite: boolean): UnionBooks {
    if (!union) throw notFound('工会', { unionId });
    if (forWrite && union.status === 'withdrawn') throw withdrawn();
    return union;
  }
}
