/** 记账凭证 types (会计基础工作规范 第五十条): one general type, or receipt / payment / transfer. */
export const VoucherTypes = ['general', 'receipt', 'payment', 'transfer'] as const;
export type VoucherType = (typeof VoucherTypes)[number];

/**
 * Where a posted voucher came from: typed by a person, a red-ink reversal, a claim's payment, the closing
 * entries (期末结转 / 年终结转, left out of the statements' activity), an import, a receipt, a batch allocation,
 * a union's withdrawal (banking), a prior-year correction (以前年度调整, through 年初余额调整) or the
 * fixed-asset register (depreciation, disposal).
 */
export const VoucherSources = ['manual', 'reversal', 'claim', 'closing', 'import', 'receipt', 'allocation', 'withdrawal', 'correction', 'asset'] as const;
export type VoucherSource = (typeof VoucherSources)[number];

export const VoucherNumberings = ['general', 'typed'] as const;
/** A union numbers all vouchers in one 记 sequence, or in separate 收/付/转 sequences. */
export type VoucherNumbering = (typeof VoucherNumberings)[number];

export const VOUCHER_TYPE_LABEL: Record<VoucherType, string> = {
  general: '记',
  receipt: '收',
  payment: '付',
  transfer: '转',
};

/**
 * The order of a day's vouchers in a 序时簿 or 明细账: 收 / 付 / 转, then 记 (a union that changed its
 * numbering within the months). Numbers follow posting order, so a book sorted by type code or number alone
 * goes back in date or puts 付 before 收.
 */
export const VOUCHER_TYPE_ORDER: readonly VoucherType[] = ['receipt', 'payment', 'transfer', 'general'];

/** SQL: the rank of `column` (a voucher_type) in VOUCHER_TYPE_ORDER, for ORDER BY. */
export function voucherTypeRank(column: string): string {
  return `array_position(ARRAY[${VOUCHER_TYPE_ORDER.map((t) => `'${t}'`).join(', ')}]::text[], ${column}::text)`;
}

export function allowedTypes(numbering: VoucherNumbering): readonly VoucherType[] {
  return numbering === 'general' ? ['general'] : ['receipt', 'payment', 'transfer'];
}

/** 记-202603-0001: type label, period, number padded to four digits (wider when a month passes 9,999). */
export function formatVoucherNumber(type: VoucherType, period: number, number: number): string {
  return `${VOUCHER_TYPE_LABEL[type]}-${period}-${String(number).padStart(4, '0')}`;
}
