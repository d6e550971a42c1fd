import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { BudgetLine, FigureRow } from './domain/budget.rules';

export type BudgetStatus = 'draft' | 'approved' | 'superseded' | 'discarded';

export interface BudgetHeader {
  id: string;
  year: number;
  version: number;
  kind: 'original' | 'adjustment';
  status: BudgetStatus;
  reason: string | null;
  createdByName: string;
  createdAt: Date;
  approvedByName: string | null;
  approvedAt: Date | null;
  committeeDate: string | null;
  reviewCommitteeDate: string | null;
  supersededAt: Date | null;
}

export interface StoredBudget extends BudgetHeader {
  lines: (BudgetLine & { accountName: string })[];
}

const HEADER = `b.id, b.year, b.version, b.kind, b.status, b.reason, b.created_by_name AS "createdByName", b.created_at AS "createdAt",
  b.approved_by_name AS "approvedByName", b.approved_at AS "approvedAt", to_char(b.committee_date, 'YYYY-MM-DD') AS "committeeDate",
  to_char(b.review_committee_date, 'YYYY-MM-DD') AS "reviewCommitteeDate", b.superseded_at AS "supersededAt"`;

/** A union's budgets, their lines, and the figures budget execution compares them with. */
@Injectable()
export class BudgetsRepository {
  async list(em: EntityManager, unionId: string, year?: number): Promise<BudgetHeader[]> {
    return em.query(`SELECT ${HEADER} FROM budgets b WHERE b.union_id = $1 AND ($2::int IS NULL OR b.year = $2) ORDER BY b.year DESC, b.version DESC`, [
      unionId,
      year ?? null,
    ]);
  }

  async find(em: EntityManager, unionId: string, id: string, opts: { lock?: boolean } = {}): Promise<StoredBudget | undefined> {
    const rows: BudgetHeader[] = await em.query(`SELECT ${HEADER} FROM budgets b WHERE b.union_id = $1 AND b.id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`, [unionId, id]);
    return rows[0] && { ...rows[0], lines: await this.lines(em, unionId, id) };
  }

  /** The version in force for a year (approved), with its lines. */
  async approved(em: EntityManager, unionId: string, year: number): Promise<StoredBudget | undefined> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM budgets WHERE union_id = $1 AND year = $2 AND status = 'approved'`, [unionId, year]);
    return rows[0] && this.find(em, unionId, rows[0].id);
  }

  async draftOf(em: EntityManager, unionId: string, year: number): Promise<string | undefined> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM budgets WHERE union_id = $1 AND year = $2 AND status = 'draft'`, [unionId, year]);
    return rows[0]?.id;
  }

  async nextVersion(em: EntityManager, unionId: string, year: number): Promise<number> {
    const [{ v }]: { v: number }[] = await em.query(`SELECT coalesce(max(version), 0)::int + 1 AS v FROM budgets WHERE union_id = $1 AND year = $2`, [unionId, year]);
    return v;
  }

  async insert(
    em: EntityManager,
    unionId: string,
    b: { id: string; year: number; version: number; kind: 'original' | 'adjustment'; reason: string | null; createdBy: string | null; createdByName: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO budgets (union_id, id, year, version, kind, reason, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [unionId, b.id, b.year, b.version, b.kind, b.reason, b.createdBy, b.createdByName],
    );
  }

  async replaceLines(em: EntityManager, unionId: string, budgetId: string, lines: BudgetLine[]): Promise<void> {
    await em.query(`DELETE FROM budget_lines WHERE union_id = $1 AND budget_id = $2`, [unionId, budgetId]);
    await em.query(
      `INSERT INTO budget_lines (union_id, budget_id, line_no, account_code, project_code, amount)
       SELECT $1, $2, n, a, p, m FROM unnest($3::varchar[], $4::varchar[], $5::numeric[]) WITH ORDINALITY AS x(a, p, m, n)`,
      [unionId, budgetId, lines.map((l) => l.accountCode), lines.map((l) => l.projectCode), lines.map((l) => l.amount.toFixed(2))],
    );
    await em.query(`UPDATE budgets SET updated_at = now() WHERE union_id = $1 AND id = $2`, [unionId, budgetId]);
  }

  async approve(em: EntityManager, unionId: string, id: string, a: { by: string | null; byName: string; committeeDate: string; reviewCommitteeDate: string | null }): Promise<void> {
    await em.query(
      `UPDATE budgets SET status = 'approved', approved_by = $3, approved_by_name = $4, approved_at = now(), committee_date = $5, review_committee_date = $6, updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, id, a.by, a.byName, a.committeeDate, a.reviewCommitteeDate],
    );
  }

  async setStatus(em: EntityManager, unionId: string, id: string, status: 'superseded' | 'discarded'): Promise<void> {
    await em.query(
      `UPDATE budgets SET status = $3::varchar, superseded_at = CASE WHEN $3::varchar = 'superseded' THEN now() END, updated_at = now()
        WHERE union_id = $1 AND id = $2`,
      [unionId, id, status],
    );
  }

  /**
   * Posted income and expense of the year per leaf, project and month, closing entries left out; signed so
   * that spending and income are both positive.
   */
  async actuals(em: EntityManager, unionId: string, year: number): Promise<(FigureRow & { period: number })[]> {
    const rows: { code: string; project: string | null; period: number; amount: string }[] = await em.query(
      `SELECT account_code AS code, nullif(project_code, '') AS project, period,
              sum(CASE WHEN left(account_code, 1) = '5' THEN (debit - closing_debit) - (credit - closing_credit)
                       ELSE (credit - closing_credit) - (debit - closing_debit) END) AS amount
         FROM account_period_totals
        WHERE union_id = $1 AND period BETWEEN $2 AND $3 AND left(account_code, 1) IN ('4', '5')
        GROUP BY 1, 2, 3`,
      [unionId, year * 100 + 1, year * 100 + 12],
    );
    return rows.map((r) => ({ accountCode: r.code, projectCode: r.project, period: r.period, amount: new Decimal(r.amount) }));
  }

  /** Claims approved or reviewed (the money reserved, not yet paid) whose event falls in the year. */
  async reserved(em: EntityManager, unionId: string, year: number, excludeClaimId?: string): Promise<FigureRow[]> {
    const rows: { code: string; project: string | null; amount: string }[] = await em.query(
      `SELECT expense_account AS code, project_code AS project, sum(amount) AS amount FROM claims
        WHERE union_id = $1 AND status IN ('approved', 'reviewed', 'checked', 'paid') AND event_date BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR id <> $4)
        GROUP BY 1, 2`,
      [unionId, `${year}-01-01`, `${year}-12-31`, excludeClaimId ?? null],
    );
    return rows.map((r) => ({ accountCode: r.code, projectCode: r.project, amount: new Decimal(r.amount) }));
  }

  async control(em: EntityManager, unionId: string): Promise<'off' | 'warn' | 'block'> {
    const rows: { control: 'off' | 'warn' | 'block' }[] = await em.query(
      `SELECT s.budget_control AS control FROM unions u JOIN center_books_settings s ON s.center_id = u.center_id WHERE u.id = $1`,
      [unionId],
    );
    return rows[0]?.control ?? 'off';
  }

  /** One approval at a time per union against its budget: concurrent approvals cannot together exceed it. */
  async lock(em: EntityManager, unionId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('budget:' || $1::text, 0))`, [unionId]);
  }

  private async lines(em: EntityManager, unionId: string, budgetId: string): Promise<StoredBudget['lines']> {
    const rows: { accountCode: string; accountName: string; projectCode: string | null; amount: string }[] = await em.query(
      `SELECT l.account_code AS "accountCode", a.name AS "accountName", l.project_code AS "projectCode", l.amount
         FROM budget_lines l JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
        WHERE l.union_id = $1 AND l.budget_id = $2 ORDER BY l.line_no`,
      [unionId, budgetId],
    );
    return rows.map((r) => ({ ...r, amount: new Decimal(r.amount) }));
  }
}
