import type { ArchiveScope, Period } from './archive-scope.rules';
import type { ItemType } from './manifest';
import { RetentionClass, Retention, retentionOf, retentionSummary } from './retention.rules';

/** The export sheets' kinds a package holds (src/exports/export-labels.ts). */
export type ArchivedWorkbook =
  | 'voucher-journal'
  | 'general-ledger'
  | 'subsidiary-ledgers'
  | 'cash-journal'
  | 'bank-journal'
  | 'trial-balance'
  | 'statements'
  | 'budget-execution'
  | 'claims'
  | 'audit-log';

/** One workbook of a package, written by the export sheets. */
export interface WorkbookPlan {
  kind: ArchivedWorkbook;
  folder: string;
  title: string;
  type: ItemType;
  retention: RetentionClass;
  /**
   * Also kept as a fixed-layout PDF (财会〔2024〕12号 第二十七条, DA/T 94): the books, the statements and the claims
   * with their approval steps. The 凭证序时簿 is not (the vouchers themselves are kept as printed PDF), nor the
   * audit log (a machine record an auditor filters, not a book one reads page by page).
   */
  pdf: boolean;
}

export const FOLDERS = {
  vouchers: '01-记账凭证',
  documents: '02-原始凭证',
  books: '03-会计账簿',
  statements: '04-财务会计报告',
  bank: '05-银行对账',
  claims: '06-报销单',
  audit: '07-审计日志',
  /** hand-over packages only: the GB/T 24589 files */
  interchange: '08-数据接口',
} as const;

/**
 * The workbooks every package holds. Statements are the annual report (永久) in a year or hand-over package,
 * the monthly report (10 年) in a month package.
 */
export function workbookPlan(scope: ArchiveScope): WorkbookPlan[] {
  const report: RetentionClass = scope === 'month' ? 'monthly-report' : 'annual-report';
  return [
    { kind: 'voucher-journal', folder: FOLDERS.vouchers, title: '记账凭证序时簿', type: 'voucher-journal', retention: 'vouchers', pdf: false },
    { kind: 'general-ledger', folder: FOLDERS.books, title: '总账', type: 'book', retention: 'books', pdf: true },
    { kind: 'subsidiary-ledgers', folder: FOLDERS.books, title: '明细账', type: 'book', retention: 'books', pdf: true },
    { kind: 'cash-journal', folder: FOLDERS.books, title: '现金日记账', type: 'book', retention: 'books', pdf: true },
    { kind: 'bank-journal', folder: FOLDERS.books, title: '银行存款日记账', type: 'book', retention: 'books', pdf: true },
    { kind: 'trial-balance', folder: FOLDERS.books, title: '科目余额表', type: 'book', retention: 'books', pdf: true },
    { kind: 'statements', folder: FOLDERS.statements, title: '会计报表', type: 'statement', retention: report, pdf: true },
    { kind: 'budget-execution', folder: FOLDERS.statements, title: '预算执行情况表', type: 'statement', retention: report, pdf: true },
    { kind: 'claims', folder: FOLDERS.claims, title: '报销单及审批记录', type: 'claims', retention: 'vouchers', pdf: true },
    { kind: 'audit-log', folder: FOLDERS.audit, title: '审计日志', type: 'audit-log', retention: 'other', pdf: false },
  ];
}

/** The retention due dates a package's register entry shows: one per class it holds, from its last year. */
export function packageRetention(scope: ArchiveScope, to: Period): Retention[] {
  const year = Math.floor(to / 100);
  const classes = new Set<RetentionClass>([...workbookPlan(scope).map((w) => w.retention), 'vouchers', 'bank', 'register']);
  return retentionSummary([...classes].map((c) => retentionOf(c, year)));
}

const VOUCHER_WORD: Record<string, string> = { general: '记', receipt: '收', payment: '付', transfer: '转' };

/** 记/收/付/转-YYYYMM-NNNN, as the voucher is numbered on paper. */
export function voucherLabel(type: string, period: number, number: number): string {
  return `${VOUCHER_WORD[type] ?? '记'}-${period}-${String(number).padStart(4, '0')}`;
}

/** A name that is one path segment on every system: no separators, controls or reserved characters. */
export function safeSegment(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return (cleaned || '_').slice(0, 120);
}

/** Makes each path unique within the package (a second "发票.pdf" of one claim becomes "发票 (2).pdf"). */
export function uniquePath(path: string, taken: Set<string>): string {
  let candidate = path;
  for (let n = 2; taken.has(candidate); n++) {
    const dot = path.lastIndexOf('.');
    candidate = dot > path.lastIndexOf('/') ? `${path.slice(0, dot)} (${n})${path.slice(dot)}` : `${path} (${n})`;
  }
  taken.add(candidate);
  return candidate;
}
