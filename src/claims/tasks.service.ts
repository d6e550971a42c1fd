import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Principal } from '../auth/principal';
import { Permission, reach } from '../auth/permissions';
import { Database } from '../database/database.service';
import { CLAIM_STATUS_LABEL, ClaimStatus } from './domain/claim.rules';

export interface TaskItem {
  unionId: string;
  unionName: string;
  claimId: string;
  number: string;
  purpose: string;
  amount: string;
  status: ClaimStatus;
  statusLabel: string;
  waitingSince: string;
}

export interface TaskList {
  total: number;
  items: TaskItem[];
}

const SHOWN = 100;

/**
 * 待办: what waits for this person, by the step their grants allow — a chair's approvals, an accountant's
 * reviews, the payment vouchers to review (复核) and to post (记账), a cashier's payments, a clerk's returned
 * claims. Claims they may not take that step on (their own, the voucher they prepared, paid) are left out.
 */
@Injectable()
export class TasksService {
  constructor(private readonly db: Database) {}

  async forMe(p: Principal): Promise<Record<'approvals' | 'reviews' | 'checks' | 'payments' | 'postings' | 'returned', TaskList>> {
    return {
      approvals: await this.waiting(p, 'claims:approve', 'submitted', ['created_by', 'submitted_by']),
      reviews: await this.waiting(p, 'claims:review', 'approved', ['created_by', 'submitted_by', 'approved_by']),
      // the payment voucher's 审核: not by the accountant who prepared it
      checks: await this.waiting(p, 'vouchers:post', 'reviewed', ['created_by', 'submitted_by', 'approved_by', 'reviewed_by']),
      payments: await this.waiting(p, 'claims:pay', 'checked', ['created_by', 'reviewed_by', 'checked_by']),
      // 记账: anyone who posts, but the cashier who paid
      postings: await this.waiting(p, 'vouchers:post', 'paid', ['paid_by']),
      returned: await this.waiting(p, 'claims:submit', 'returned', [], 'c.created_by = $4'),
    };
  }

  /** `notBy`: the people of the claim who may not take this step; `extra`: a further condition on $4, the user. */
  private async waiting(p: Principal, permission: Permission, status: ClaimStatus, notBy: string[], extra = 'true'): Promise<TaskList> {
    const mine = [...notBy.map((c) => `c.${c} IS DISTINCT FROM $4::uuid`), extra].join(' AND ');
    const scope = reach(p.grants, permission);
    if (!scope.all && scope.centerIds.length === 0 && scope.unionIds.length === 0) return { total: 0, items: [] };
    const rows: (Omit<TaskItem, 'amount' | 'statusLabel' | 'waitingSince'> & { amount: string; waitingSince: Date; total: string })[] = await this.db.manager.query(
      `SELECT count(*) OVER () AS total, c.union_id AS "unionId", u.name AS "unionName", c.id AS "claimId", c.number, c.purpose,
              c.amount, c.status, c.updated_at AS "waitingSince"
         FROM claims c JOIN unions u ON u.id = c.union_id
        WHERE c.status = $1 AND ($5::boolean OR u.center_id = ANY($2::uuid[]) OR c.union_id = ANY($3::uuid[])) AND ${mine}
        ORDER BY c.updated_at, c.union_id, c.id LIMIT ${SHOWN}`,
      [status, scope.centerIds, scope.unionIds, p.userId, scope.all],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      items: rows.map(({ total: _total, ...r }) => ({
        ...r,
        amount: new Decimal(r.amount).toFixed(2),
        statusLabel: CLAIM_STATUS_LABEL[r.status],
        waitingSince: new Date(r.waitingSince).toISOString(),
      })),
    };
  }
}
