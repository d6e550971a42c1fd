import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommonError } from '../common/errors/common.errors';
import { formatPeriod, parsePeriod } from '../common/period';
import { balances } from './domain/balance-sheet.rules';
import { ConsolidationRepository } from './consolidation.repository';
import { addLines, StatementLine } from './domain/statement-line';
import { ConsolidatedStatementResponse, StatementQuery, StatementResponse, UnionRef } from './dto/statement.dto';
import { cacheKind, StatementsCalculator, StatementTarget } from './statements.calculator';
import { StatementKind, StatementsRepository } from './statements.repository';

export const STATEMENT_TITLE: Record<StatementKind, { code: string; title: string }> = {
  'balance-sheet': { code: '工会01表', title: '资产负债表' },
  'income-expenditure': { code: '工会02表', title: '收入支出表' },
};

export function columnsOf(t: Pick<StatementTarget, 'kind' | 'annual'>): string[] {
  if (t.kind === 'balance-sheet') return ['年初余额', t.annual ? '年末余额' : '期末余额'];
  return t.annual ? ['本年数', '上年数'] : ['本月数', '本年累计数'];
}

/** A query's statement: a month (period=YYYY-MM) or a year (year=YYYY, read at December). */
export function targetOf(kind: StatementKind, q: StatementQuery): StatementTarget {
  if ((q.period === undefined) === (q.year === undefined)) {
    throw new CommonError('VALIDATION_FAILED', '请指定月报的期间（period=YYYY-MM）或年报的年度（year=YYYY），二者选一');
  }
  return q.period ? { kind, period: parsePeriod(q.period), annual: false } : { kind, period: Number(q.year) * 100 + 12, annual: true };
}

/**
 * Reads statements inside a snapshot the caller opened (the API's read transaction, or an export's): one
 * union's as the API shows them — frozen when its year is closed, as kept when its month closed, else
 * computed from the books — and a center's sum. Plain enough to run in an export worker without Nest.
 */
@Injectable()
export class StatementReader {
  constructor(
    private readonly repo: StatementsRepository,
    private readonly calculator: StatementsCalculator,
    private readonly sums: ConsolidationRepository,
  ) {}

  /** For an export worker: the same reader without dependency injection. */
  static standalone(): StatementReader {
    const repo = new StatementsRepository();
    const sums = new ConsolidationRepository();
    return new StatementReader(repo, new StatementsCalculator(repo, sums), sums);
  }

  /** One union's statement; the union exists and its books began by `t.period` (the caller checked). */
  async union(em: EntityManager, union: { id: string; firstPeriod: number }, t: StatementTarget): Promise<StatementResponse> {
    const [info]: { code: string; name: string; closed: boolean }[] = await em.query(
      `SELECT u.code, u.name, EXISTS (SELECT 1 FROM periods p WHERE p.union_id = u.id AND p.period = $2 AND p.status = 'closed') AS closed
         FROM unions u WHERE u.id = $1`,
      [union.id, t.period],
    );
    const frozen = info.closed ? await this.repo.frozen(em, union.id, t.period, cacheKind(t)) : undefined;
    if (frozen) {
      return present(t, frozen.lines, { entity: frozen.entity, unionId: union.id, unionCode: info.code, closed: true, frozenAt: new Date(frozen.frozenAt).toISOString(), signatures: frozen.signers });
    }
    const lines = (info.closed ? (await this.repo.cached(em, [union.id], t.period, cacheKind(t))).get(union.id) : undefined) ?? (await this.calculator.lines(em, union, t));
    return present(t, lines, { entity: info.name, unionId: union.id, unionCode: info.code, closed: info.closed, frozenAt: null, signatures: await this.repo.signers(em, union.id) });
  }

  /**
   * 汇总: the statement summed over all unions of a center (or those named) whose books began by the period,
   * with the unions whose month is not closed and those whose balance sheet does not balance. Closed months
   * come from the statements kept when they closed; an open union is computed from its books.
   */
  async consolidated(em: EntityManager, centerId: string, unionIds: string[] | null, t: StatementTarget): Promise<ConsolidatedStatementResponse> {
    const [center]: { name: string }[] = await em.query(`SELECT name FROM centers WHERE id = $1`, [centerId]);
    const unions: (UnionRef & { firstPeriod: number; closed: boolean })[] = await em.query(
      `SELECT u.id AS "unionId", u.code, u.name, u.first_period AS "firstPeriod",
              EXISTS (SELECT 1 FROM periods p WHERE p.union_id = u.id AND p.period = $3 AND p.status = 'closed') AS closed
         FROM unions u
        WHERE u.center_id = $1 AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[])) AND u.first_period <= $3
        ORDER BY u.code`,
      [centerId, unionIds, t.period],
    );
    // closed months add the statements kept when they closed, the rest (open, or closed before statements were
    // kept) are summed from their books: each side in a few statements, whatever the number of unions
    const closed = unions.filter((u) => u.closed);
    const kept = closed.length ? await this.sums.cachedSums(em, closed.map((u) => u.unionId), t.period, cacheKind(t)) : null;
    const computed = unions.filter((u) => !kept?.unionIds.has(u.unionId));
    const books = computed.length ? await this.calculator.sum(em, computed.map((u) => ({ id: u.unionId, firstPeriod: u.firstPeriod })), t) : null;
    const parts = [kept?.lines, books?.lines].filter((l): l is StatementLine[] => !!l);
    const sum = parts.reduce<StatementLine[] | null>((acc, lines) => addLines(acc, lines), null);
    const unbalanced = new Set([...(kept?.imbalanced ?? []), ...(books?.imbalanced ?? [])]);
    const ref = (u: UnionRef) => ({ unionId: u.unionId, code: u.code, name: u.name });
    const notClosed = unions.filter((u) => !u.closed).map(ref);
    const notBalanced = t.kind === 'balance-sheet' ? unions.filter((u) => unbalanced.has(u.unionId)).map(ref) : [];
    const none = { legalRepresentative: null, accountingHead: null, accountingBodyHead: null };
    return {
      ...present(t, sum ?? this.calculator.empty(t), { entity: `${center.name}（汇总）`, unionId: null, unionCode: null, closed: notClosed.length === 0, frozenAt: null, signatures: none }),
      unions: unions.length,
      notClosed,
      notBalanced,
    };
  }
}

export function present(
  t: StatementTarget,
  lines: StatementLine[],
  meta: Pick<StatementResponse, 'entity' | 'unionId' | 'unionCode' | 'closed' | 'frozenAt' | 'signatures'>,
): StatementResponse {
  return {
    ...STATEMENT_TITLE[t.kind],
    ...meta,
    period: t.annual ? null : formatPeriod(t.period),
    year: Math.floor(t.period / 100),
    annual: t.annual,
    unit: '元',
    columns: columnsOf(t),
    lines: lines.map((l) => ({ ...l, values: l.values.map((v) => v.toFixed(2)) })),
    balanced: t.kind === 'balance-sheet' ? balances(lines) : null,
    frozen: meta.frozenAt !== null,
  };
}
