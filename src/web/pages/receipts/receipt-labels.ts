/** 收款类型 and 状态 as the cashier reads them (the API's kinds, docs/banking.md "Receipts"). */
export const RECEIPT_KINDS = [
  { value: 'dues', label: '会费收入' },
  { value: 'allocation', label: '拨缴经费' },
  { value: 'subsidy', label: '上级补助' },
  { value: 'admin_subsidy', label: '行政补助' },
  { value: 'other', label: '其他收入' },
  { value: 'refund', label: '退款（冲减支出或应收）' },
] as const;

export type ReceiptKind = (typeof RECEIPT_KINDS)[number]['value'];

export const RECEIPT_STATUS: Record<string, { label: string; color: string }> = {
  recorded: { label: '已登记待过账', color: 'processing' },
  posted: { label: '已过账', color: 'success' },
  cancelled: { label: '已作废', color: 'default' },
};

export const FUND_TYPES = [
  { value: 'unrestricted', label: '非专项' },
  { value: 'restricted', label: '专项' },
];
