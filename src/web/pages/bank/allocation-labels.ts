/** 分配批次的状态 as the cashier reads them. */
export const ALLOCATION_STATUS: Record<string, { label: string; color: string }> = {
  validated: { label: '已校验待过账', color: 'processing' },
  posted: { label: '已过账', color: 'success' },
  cancelled: { label: '已作废', color: 'default' },
};
