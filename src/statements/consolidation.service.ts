import { Injectable } from '@nestjs/common';
import { balances } from './domain/balance-sheet.rules';
import { addLines, StatementLine } from './domain/statement-line';
import { ConsolidatedStatementQuery, ConsolidatedStatementResponse, UnionRef } from './dto/statement.dto';
import { cacheKind, StatementsCalculator } from './statements.calculator';
import { StatementKind, StatementsRepository } from './statements.repository';
import { present, StatementsService, targetOf } from './statements.service';

/**
 * 汇总: a statement summed over all unions of a center (or those named), with the unions whose month is not
 * closed and those whose balance sheet does not balance. Closed months come from the statements kept when
 * they closed, so a center of thousands of unions adds stored lines; an open union is computed from its
 * books in the same snapshot.
 */
@Injectable()
export class ConsolidationService {
  constructor(
    private readonly statements: StatementsService,
    private readonly repo: StatementsRepository,
    private readonly calculator: StatementsCalculator,
  ) {}

  async statement(kind: StatementKind, centerId: string, q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    const t = targetOf(kind, q);
    return this.statements.read(async (em) => {
      const [center]: { name: string }[] = await em.query(`SELECT name FROM centers WHERE id = $1`, [centerId]);
      const unions: (UnionRef & { firstPeriod: number; closed: boolean })[] = await em.query(
        `SELECT u.id AS "unionId", u.code, u.name, u.first_period AS "firstPeriod",
                EXISTS (SELECT 1 FROM periods p WHERE p.union_id = u.id AND p.period = $3 AND p.status = 'closed') AS closed
           FROM unions u
          WHERE u.center_id = $1 AND ($2::uuid[] IS NULL OR u.id = ANY($2::uuid[])) AND u.first_period <= $3
          ORDER BY u.code`,
        [centerId, q.unionIds ?? null, t.period],
      );
      const cached = await this.repo.cached(em, unions.filter((u) => u.closed).map((u) => u.unionId), t.period, cacheKind(t));
      let sum: StatementLine[] | null = null;
      const notClosed: UnionRef[] = [];
      const notBalanced: UnionRef[] = [];
      for (const u of unions) {
        const ref = { unionId: u.unionId, code: u.code, name: u.name };
        const lines = cached.get(u.unionId) ?? (await this.calculator.lines(em, { id: u.unionId, firstPeriod: u.firstPeriod }, t));
        if (!u.closed) notClosed.push(ref);
        if (kind === 'balance-sheet' && !balances(lines)) notBalanced.push(ref);
        sum = addLines(sum, lines);
      }
      const none = { legalRepresentative: null, accountingHead: null, accountingBodyHead: null };
      return {
        ...present(t, sum ?? this.calculator.empty(t), { entity: `${center.name}（汇总）`, unionId: null, unionCode: null, closed: notClosed.length === 0, frozenAt: null, signatures: none }),
        unions: unions.length,
        notClosed,
        notBalanced,
      };
    });
  }
}
