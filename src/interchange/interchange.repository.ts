import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { AccountRow } from './domain/gbt-records';
import { ImportedBooks } from './domain/gbt-import.rules';

/** The writes of an import, union first in every statement. */
@Injectable()
export class InterchangeRepository {
  /** Anything that makes the union's books non-empty: vouchers, drafts, opening balances, a closed month. */
  async hasBooks(em: EntityManager, unionId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM vouchers WHERE union_id = $1)
                   OR EXISTS (SELECT 1 FROM voucher_drafts WHERE union_id = $1)
                   OR EXISTS (SELECT 1 FROM opening_balances WHERE union_id = $1)
                   OR EXISTS (SELECT 1 FROM periods WHERE union_id = $1 AND status = 'closed')`,
      [unionId],
    );
    return rows.length > 0;
  }

  /** As the 期初余额 screen locks them: once a voucher is posted or the first month is closed. */
  async openingLocked(em: EntityManager, unionId: string, firstPeriod: number): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM vouchers WHERE union_id = $1)
                   OR EXISTS (SELECT 1 FROM periods WHERE union_id = $1 AND period = $2 AND status = 'closed')`,
      [unionId, firstPeriod],
    );
    return rows.length > 0;
  }

  async chart(em: EntityManager, unionId: string): Promise<Map<string, AccountRow>> {
    const rows: AccountRow[] = await em.query(
      `SELECT code, name, level, parent_code AS "parentCode", category, normal_side AS "normalSide", is_leaf AS "isLeaf",
              is_active AS "isActive", is_standard AS "isStandard"
         FROM accounts WHERE union_id = $1 ORDER BY code`,
      [unionId],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  openingLines(em: EntityManager, unionId: string): Promise<{ account: string; project: string | null; amount: string }[]> {
    return em.query(`SELECT account_code AS account, project_code AS project, amount FROM opening_balances WHERE union_id = $1 ORDER BY line_no`, [unionId]);
  }

  async replaceOpenings(em: EntityManager, unionId: string, openings: { code: string; projectCode: string | null; amount: Decimal }[]): Promise<void> {
    await em.query(`DELETE FROM opening_balances WHERE union_id = $1`, [unionId]);
    await this.insertOpenings(em, unionId, openings);
  }

  async accounts(em: EntityManager, unionId: string): Promise<Set<string>> {
    const rows: { code: string }[] = await em.query(`SELECT code FROM accounts WHERE union_id = $1`, [unionId]);
    return new Set(rows.map((r) => r.code));
  }

  /** Detail accounts in code order (parents first); a parent that gains a child is no longer a leaf. */
  async insertAccounts(em: EntityManager, unionId: string, accounts: AccountRow[]): Promise<void> {
    if (accounts.length === 0) return;
    const sorted = [...accounts].sort((a, b) => (a.code < b.code ? -1 : 1));
    await em.query(
      `INSERT INTO accounts (union_id, code, name, category, normal_side, parent_code, level, is_standard, is_leaf, is_active)
       SELECT $1, c, n, cat, side, p, lvl, false, leaf, true
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[]) AS x(c, n, cat, side, p, lvl, leaf)`,
      [unionId, sorted.map((a) => a.code), sorted.map((a) => a.name), sorted.map((a) => a.category), sorted.map((a) => a.normalSide),
        sorted.map((a) => a.parentCode), sorted.map((a) => a.level), sorted.map((a) => a.isLeaf)],
    );
    await em.query(
      `UPDATE accounts SET is_leaf = false WHERE union_id = $1 AND is_leaf AND code = ANY($2::text[])`,
      [unionId, [...new Set(sorted.map((a) => a.parentCode).filter((p): p is string => p !== null))]],
    );
  }

  async insertProjects(em: EntityManager, unionId: string, projects: ImportedBooks['projects']): Promise<number> {
    if (projects.length === 0) return 0;
    const rows: unknown[] = await em.query(
      `INSERT INTO projects (union_id, code, name, is_active)
       SELECT $1, c, n, true FROM unnest($2::text[], $3::text[]) AS x(c, n)
       ON CONFLICT DO NOTHING RETURNING code`,
      [unionId, projects.map((p) => p.code), projects.map((p) => p.name)],
    );
    return rows.length;
  }

  async insertOpenings(em: EntityManager, unionId: string, openings: { code: string; projectCode: string | null; amount: Decimal }[]): Promise<void> {
    const lines = openings.filter((o) => !o.amount.isZero());
    if (lines.length === 0) return;
    await em.query(
      `INSERT INTO opening_balances (union_id, line_no, account_code, project_code, amount)
       SELECT $1, n, c, p, a FROM unnest($2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS x(c, p, a, n)`,
      [unionId, lines.map((o) => o.code), lines.map((o) => o.projectCode), lines.map((o) => o.amount.toFixed(2))],
    );
  }

  async linkReversal(em: EntityManager, unionId: string, originalId: string, reversalId: string): Promise<void> {
    await em.query(`INSERT INTO voucher_reversals (union_id, original_id, reversal_id) VALUES ($1, $2, $3)`, [unionId, originalId, reversalId]);
  }

  /** Accounts and projects the file says are no longer in use, switched off once their vouchers are in. */
  async deactivate(em: EntityManager, unionId: string, books: ImportedBooks): Promise<void> {
    const accounts = books.accounts.filter((a) => !a.isActive).map((a) => a.code);
    if (accounts.length) await em.query(`UPDATE accounts SET is_active = false WHERE union_id = $1 AND code = ANY($2::text[])`, [unionId, accounts]);
    const projects = books.projects.filter((p) => !p.isActive).map((p) => p.code);
    if (projects.length) await em.query(`UPDATE projects SET is_active = false WHERE union_id = $1 AND code = ANY($2::text[])`, [unionId, projects]);
  }
}
