import { EntityManager } from 'typeorm';
import { formatPeriod } from '../common/period';
import { BudgetsRepository } from './budgets.repository';
import { execution } from './domain/execution.rules';
import { BudgetExecutionResponse } from './dto/budget.dto';

/**
 * 预算执行情况 of a union's year through a month, read inside the caller's snapshot (the API's read
 * transaction or an export's): the budget in force, and per line budget, actual by month, reserved,
 * remaining and percent used.
 */
export async function readBudgetExecution(em: EntityManager, budgets: BudgetsRepository, unionId: string, year: number, through: number): Promise<BudgetExecutionResponse> {
  const budget = await budgets.approved(em, unionId, year);
  const names: { code: string; name: string }[] = await em.query(`SELECT code, name FROM accounts WHERE union_id = $1`, [unionId]);
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const rows = execution(budget?.lines ?? [], await budgets.actuals(em, unionId, year), await budgets.reserved(em, unionId, year), through);
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
}
