import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { BooksRepository } from '../ledger/books.repository';
import { BudgetError } from './budgets.errors';
import { BudgetsRepository, StoredBudget } from './budgets.repository';
import { BudgetCheck, BudgetControl, BudgetLine, checkSpending, validateBudgetLines } from './domain/budget.rules';

/**
 * 预算: a union's annual budget in versions. A draft is prepared and edited; approval records who, when, and
 * the dates of the union committee's decision and the 经审会's review, and supersedes the version in force;
 * an adjustment (预算调整) is a new version with its reason. Approved versions never change (trigger).
 */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly db: Database,
    private readonly books: BooksRepository,
    private readonly budgets: BudgetsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(unionId: string, year?: number) {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.budgets.list(this.db.manager, unionId, year);
  }

  async get(unionId: string, id: string): Promise<StoredBudget> {
    await this.books.findUnion(this.db.manager, unionId, { forWrite: false });
    return this.found(this.db.manager, unionId, id);
  }

  /** The first version of a year's budget, as a draft. */
  create(unionId: string, year: number, lines: BudgetLine[], actor: Actor): Promise<StoredBudget> {
    return this.db.transaction(async (em) => {
      await this.lockUnion(em, unionId);
      if (await this.budgets.approved(em, unionId, year)) {
        throw new BudgetError('BUDGET_EXISTS', `${year} 年度预算已批准；变更请编制预算调整`);
      }
      if (await this.budgets.draftOf(em, unionId, year)) throw new BudgetError('BUDGET_EXISTS', `${year} 年度已有待批准的预算草稿，请修改该草稿`);
      return this.draft(em, unionId, { year, kind: 'original', reason: null, lines }, actor);
    });
  }

  /** 预算调整: a new draft version from the one in force (its lines, or the lines given), with the reason. */
  adjust(unionId: string, year: number, reason: string, lines: BudgetLine[] | undefined, actor: Actor): Promise<StoredBudget> {
    return this.db.transaction(async (em) => {
      await this.lockUnion(em, unionId);
      const current = await this.budgets.approved(em, unionId, year);
      if (!current) throw new BudgetError('BUDGET_NOT_APPROVED', `${year} 年度预算尚未批准，无需调整`);
      if (await this.budgets.draftOf(em, unionId, year)) throw new BudgetError('BUDGET_EXISTS', `${year} 年度已有待批准的预算草稿，请修改该草稿`);
      return this.draft(em, unionId, { year, kind: 'adjustment', reason: reason.trim(), lines: lines ?? current.lines }, actor);
    });
  }

  update(unionId: string, id: string, lines: BudgetLine[], actor: Actor): Promise<StoredBudget> {
    return this.db.transaction(async (em) => {
      await this.lockUnion(em, unionId);
      const budget = await this.draftFound(em, unionId, id);
      await this.checkLines(em, unionId, lines);
      await this.budgets.replaceLines(em, unionId, id, lines);
      const after = await this.found(em, unionId, id);
      await this.audit.record(em, actor, [{ unionId, action: 'budget.update', entityType: 'budget', entityId: id, before: auditOf(budget), after: auditOf(after) }]);
      return after;
    });
  }

  /** 批准: the draft comes into force; the version it replaces is superseded. */
  approve(unionId: string, id: string, a: { committeeDate: string; reviewCommitteeDate: string | null }, actor: Actor): Promise<StoredBudget> {
    return this.db.transaction(async (em) => {
      await this.lockUnion(em, unionId);
      const budget = await this.draftFound(em, unionId, id);
      const current = await this.budgets.approved(em, unionId, budget.year);
      if (current) await this.budgets.setStatus(em, unionId, current.id, 'superseded');
      await this.budgets.approve(em, unionId, id, { by: actor.id, byName: actor.name, ...a });
      const after = await this.found(em, unionId, id);
      await this.audit.record(em, actor, [
        {
          unionId,
          action: 'budget.approve',
          entityType: 'budget',
          entityId: id,
          before: current ? { supersedes: current.id, version: current.version } : undefined,
          after: { ...auditOf(after), committeeDate: a.committeeDate, reviewCommitteeDate: a.reviewCommitteeDate },
        },
      ]);
      return after;
    });
  }

  discard(unionId: string, id: string, actor: Actor): Promise<StoredBudget> {
    return this.db.transaction(async (em) => {
      await this.lockUnion(em, unionId);
      const budget = await this.draftFound(em, unionId, id);
      await this.budgets.setStatus(em, unionId, id, 'discarded');
      await this.audit.record(em, actor, [{ unionId, action: 'budget.discard', entityType: 'budget', entityId: id, before: auditOf(budget) }]);
      return this.found(em, unionId, id);
    });
  }

  /**
   * The claim against the budget in force for its year (the caller decides what a breach means). Under a
   * blocking budget the union's budget lock is held to commit, so approvals decided meanwhile wait and then
   * count this one.
   */
  async checkClaim(
    em: EntityManager,
    claim: { unionId: string; id: string; eventDate: string; expenseAccount: string; projectCode: string | null; amount: Decimal },
    control: BudgetControl,
    opts: { lock: boolean },
  ): Promise<BudgetCheck> {
    if (opts.lock) await this.budgets.lock(em, claim.unionId);
    const year = Number(claim.eventDate.slice(0, 4));
    const budget = await this.budgets.approved(em, claim.unionId, year);
    const actual = (await this.budgets.actuals(em, claim.unionId, year)).filter((r) => r.accountCode.startsWith('5'));
    const reserved = await this.budgets.reserved(em, claim.unionId, year, claim.id);
    return checkSpending(control, budget ?? null, { accountCode: claim.expenseAccount, projectCode: claim.projectCode, amount: claim.amount }, actual, reserved);
  }

  /** The center's budget control for this union's claims: off, warn or block. */
  controlOf(em: EntityManager, unionId: string): Promise<BudgetControl> {
    return this.budgets.control(em, unionId);
  }

  /**
   * A claim's approval or review under a blocking budget: refused (409 BUDGET_EXCEEDED, with the figures)
   * when it would take the budget line beyond what is left. Holds the union's budget lock to commit.
   */
  async requireWithinBudget(em: EntityManager, claim: Parameters<BudgetsService['checkClaim']>[1]): Promise<void> {
    if ((await this.controlOf(em, claim.unionId)) !== 'block') return;
    const check = await this.checkClaim(em, claim, 'block', { lock: true });
    if (check.exceeded) throw new BudgetError('BUDGET_EXCEEDED', check.message, figuresOf(check));
  }

  private async draft(
    em: EntityManager,
    unionId: string,
    b: { year: number; kind: 'original' | 'adjustment'; reason: string | null; lines: BudgetLine[] },
    actor: Actor,
  ): Promise<StoredBudget> {
    await this.checkLines(em, unionId, b.lines);
    const id = uuidv7();
    const version = await this.budgets.nextVersion(em, unionId, b.year);
    await this.budgets.insert(em, unionId, { id, year: b.year, version, kind: b.kind, reason: b.reason, createdBy: actor.id, createdByName: actor.name });
    await this.budgets.replaceLines(em, unionId, id, b.lines);
    const created = await this.found(em, unionId, id);
    await this.audit.record(em, actor, [{ unionId, action: 'budget.create', entityType: 'budget', entityId: id, after: auditOf(created) }]);
    return created;
  }

  private async checkLines(em: EntityManager, unionId: string, lines: BudgetLine[]): Promise<void> {
    const accounts: { code: string; category: string; level: number }[] = await em.query(`SELECT code, category, level FROM accounts WHERE union_id = $1`, [unionId]);
    const projects: { code: string }[] = await em.query(`SELECT code FROM projects WHERE union_id = $1`, [unionId]);
    const problem = validateBudgetLines(lines, new Map(accounts.map((a) => [a.code, a])), new Set(projects.map((p) => p.code)));
    if (problem) throw new BudgetError(problem.code, problem.message);
  }

  /** Budget commands of one union one at a time (and after the union's existence and status are checked). */
  private async lockUnion(em: EntityManager, unionId: string): Promise<void> {
    await this.books.findUnion(em, unionId, { forWrite: true });
    await this.budgets.lock(em, unionId);
  }

  private async draftFound(em: EntityManager, unionId: string, id: string): Promise<StoredBudget> {
    const budget = await this.found(em, unionId, id, true);
    if (budget.status !== 'draft') throw new BudgetError('BUDGET_NOT_DRAFT', `预算第 ${budget.version} 版已${STATUS_LABEL[budget.status]}，不能修改；如需变更请编制预算调整`);
    return budget;
  }

  private async found(em: EntityManager, unionId: string, id: string, lock = false): Promise<StoredBudget> {
    const budget = await this.budgets.find(em, unionId, id, { lock });
    if (!budget) throw notFound('预算', { budgetId: id });
    return budget;
  }
}

export function figuresOf(c: BudgetCheck) {
  return {
    line: c.line,
    budget: c.budget.toFixed(2),
    actual: c.actual.toFixed(2),
    reserved: c.reserved.toFixed(2),
    available: c.available.toFixed(2),
    amount: c.amount.toFixed(2),
  };
}

const STATUS_LABEL = { draft: '为草稿', approved: '批准', superseded: '被调整取代', discarded: '作废' } as const;

function auditOf(b: StoredBudget) {
  return {
    year: b.year,
    version: b.version,
    kind: b.kind,
    status: b.status,
    reason: b.reason,
    lines: b.lines.map((l) => ({ account: l.accountCode, project: l.projectCode, amount: l.amount.toFixed(2) })),
  };
}
