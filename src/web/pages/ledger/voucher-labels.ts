import { VOUCHER_TYPE_LABEL, type VoucherType } from '../../../ledger/domain/voucher-type';

export const SOURCE_LABEL: Record<string, string> = {
  manual: '手工录入',
  reversal: '红字冲销',
  claim: '报销付款',
  closing: '期末结转',
  import: '导入',
  receipt: '收款',
  allocation: '经费分配',
  withdrawal: '退出清算',
  correction: '以前年度调整',
  asset: '固定资产',
};

export function typeLabel(type: string): string {
  return VOUCHER_TYPE_LABEL[type as VoucherType] ?? type;
}
