import { Injectable } from '@nestjs/common';
import { formatPeriod, parsePeriod } from '../common/period';
import { CommonError } from '../common/errors/common.errors';
import { BooksRepository } from '../ledger/books.repository';
import { StatementsService } from '../statements/statements.service';
import { BudgetsRepository } from './budgets.repository';
import { execution } from './domain/execution.rules';
import { BudgetExecutionResponse } from './dto/budget.dto';

/** 预算执行情况: budget, posted, reserved, remaining and % used per budget line and month. */
@Injectable()
export class BudgetExecutionService {
  constructor(
    private readonly books: BooksRepository,
    private readonly budgets: BudgetsRepository,
    private readonly statements: StatementsService,
  ) {}

  async execution(unionId: string, year: number, throughText?: string): Promise<BudgetExecutionResponse> {
    const through = throughText ? parsePeriod(throughText) : year * 100 + 12;
    if (Math.floor(through / 100) !== year) throw new CommonError('VALIDATION_FAILED', `截至月份应在 ${year} 年内`);
    return this.statements.read(async (em) => {
      await this.books.findUnion(em, unionId, { forWrite: false });
      const budget = await this.budgets.approved(em, unionId, year);
      const names: { code: string; name: string }[] = await em.query(`SELECT code, name FROM accounts WHERE union_id = $1`, [unionId]);
      const nameOf = new Map(names.map((n) => [n.code, n.name]));
      const rows = execution(budget?.lines ?? [], await this.budgets.actuals(em, unionId, year), await this.budgets.reserved(em, unionId, year), through);
      return {
        year,
        through: formatPeriod(through),
        budget: budget
          ? { id: budget.id, version: budget.version, kind: budget.kind, approvedAt: budget.approvedAt ? new Date(budget.approvedAt).toISOString() : null, committeeDate: budget.committeeDate }
          : null,
        lines: rows.map((r) => ({
          account: r.accountCode,
          accountName: nameOf.get(r.accountCode) ?? r.accountCode,
          project: r.projectCode,
          kind: r.kind,
          budget: r.budget.toFixed(2),
          months: r.months.map((m) => m.toFixed(2)),
          actual: r.actual.toFixed(2),
          reserved: r.reserved.toFixed(2),
          remaining: r.remaining.toFixed(2),
          percentUsed: r.percentUsed,
        })),
      };
    });
  }
}
