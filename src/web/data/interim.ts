import type { components } from './openapi';

/**
 * Response shapes the OpenAPI document does not describe yet (the `ops` work on the contract types them);
 * each goes as soon as the generated client has it.
 */
export interface TaskItem {
  unionId: string;
  unionName: string;
  claimId: string;
  number: string;
  purpose: string;
  amount: string;
  status: string;
  statusLabel: string;
  waitingSince: string;
}

export interface TaskList {
  total: number;
  items: TaskItem[];
}

export type Tasks = Record<'approvals' | 'reviews' | 'payments' | 'returned', TaskList>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** A claim in a list: the summary fields of ClaimResponse (the list's own schema is not published yet). */
export type ClaimSummary = Pick<
  components['schemas']['ClaimResponse'],
  'id' | 'unionId' | 'number' | 'status' | 'statusLabel' | 'kind' | 'purpose' | 'amount' | 'payee' | 'eventDate' | 'createdBy' | 'updatedAt'
>;

/** A voucher in a list (VoucherSummaryResponse is not published in the document yet). */
export interface VoucherSummary {
  id: string;
  date: string;
  period: string;
  type: string;
  status: string;
  number: number | null;
  displayNumber: string | null;
  red: boolean;
  attachmentCount: number;
  source: string;
  preparer: string;
  preparerId: string | null;
  postedBy: string | null;
  postedAt: string | null;
  total: string;
  summary: string;
}
