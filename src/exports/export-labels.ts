/**
 * The kinds of export and their Chinese names. Pure (no Nest, exceljs or node imports): the web app offers the same
 * list by the same names.
 */
export const ExportKinds = [
  'statements',
  'budget-execution',
  'voucher-journal',
  'general-ledger',
  'subsidiary-ledgers',
  'cash-journal',
  'bank-journal',
  'trial-balance',
  'claims',
  'audit-log',
  'audit-pack',
] as const;
export type ExportKind = (typeof ExportKinds)[number];

export const EXPORT_LABEL: Record<ExportKind, string> = {
  statements: '财务报表',
  'budget-execution': '预算执行情况',
  'voucher-journal': '凭证序时簿',
  'general-ledger': '总账',
  'subsidiary-ledgers': '明细账',
  'cash-journal': '现金日记账',
  'bank-journal': '银行存款日记账',
  'trial-balance': '科目余额表',
  claims: '报销单及审批记录',
  'audit-log': '操作日志',
  'audit-pack': '审计资料包',
};
