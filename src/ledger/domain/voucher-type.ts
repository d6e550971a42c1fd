/** 记账凭证 types (会计基础工作规范 第五十条): one general type, or receipt / payment / transfer. */
export const VoucherTypes = ['general', 'receipt', 'payment', 'transfer'] as const;
export type VoucherType = (typeof VoucherTypes)[number];

export const VoucherNumberings = ['general', 'typed'] as const;
/** A union numbers all vouchers in one 记 sequence, or in separate 收/付/转 sequences. */
export type VoucherNumbering = (typeof VoucherNumberings)[number];

export const VOUCHER_TYPE_LABEL: Record<VoucherType, string> = {
  general: '记',
  receipt: '收',
  payment: '付',
  transfer: '转',
};

export function allowedTypes(numbering: VoucherNumbering): readonly VoucherType[] {
  return numbering === 'general' ? ['general'] : ['receipt', 'payment', 'transfer'];
}

/** 记-202603-0001: type label, period, number padded to four digits (wider when a month passes 9,999). */
export function formatVoucherNumber(type: VoucherType, period: number, number: number): string {
  return `${VOUCHER_TYPE_LABEL[type]}-${period}-${String(number).padStart(4, '0')}`;
}
