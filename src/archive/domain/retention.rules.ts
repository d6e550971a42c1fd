/**
 * Retention of accounting archives (会计档案管理办法, 财政部 国家档案局令第79号, brief §7.5): permanent or
 * 10 / 30 years, counted from the first day after the fiscal year ends (第十五条). The periods are minimums.
 */
export type RetentionClass = 'vouchers' | 'books' | 'monthly-report' | 'annual-report' | 'bank' | 'register' | 'other';

export const RETENTION_YEARS: Record<RetentionClass, number | null> = {
  // 原始凭证, 记账凭证
  vouchers: 30,
  // 总账, 明细账, 日记账, other auxiliary books (the audit log kept with them: our choice, docs/print-and-archive.md)
  books: 30,
  // 月度、季度、半年度财务会计报告
  'monthly-report': 10,
  // 年度财务会计报告
  'annual-report': null,
  // 银行存款余额调节表, 银行对账单
  bank: 10,
  // 会计档案保管清册 (the package's own metadata)
  register: null,
  // 其他会计资料 we keep as long as the books they explain
  other: 30,
};

export const RETENTION_LABEL: Record<RetentionClass, string> = {
  vouchers: '会计凭证',
  books: '会计账簿',
  'monthly-report': '月度财务会计报告',
  'annual-report': '年度财务会计报告',
  bank: '银行对账单及余额调节表',
  register: '会计档案保管清册',
  other: '其他会计资料',
};

export interface Retention {
  class: RetentionClass;
  /** null: permanent (永久) */
  years: number | null;
  /** The last day it must be kept (YYYY-12-31), or null when permanent. */
  until: string | null;
}

/** Retention of an item of the fiscal year `year`: kept through 31 December of year + N. */
export function retentionOf(cls: RetentionClass, year: number): Retention {
  const years = RETENTION_YEARS[cls];
  return { class: cls, years, until: years === null ? null : `${year + years}-12-31` };
}

/** One due date per class present: the latest `until` of each (null wins: permanent). */
export function retentionSummary(items: Retention[]): Retention[] {
  const by = new Map<RetentionClass, Retention>();
  for (const r of items) {
    const before = by.get(r.class);
    if (!before || (before.until !== null && (r.until === null || r.until > before.until))) by.set(r.class, r);
  }
  return [...by.values()].sort((a, b) => a.class.localeCompare(b.class));
}
