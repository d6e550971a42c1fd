import Decimal from 'decimal.js';
import { Side, VoucherLineInput } from '../../ledger/domain/voucher.rules';

export type DisposalKind = 'scrap' | 'sale' | 'donation';

export const DISPOSAL_LABEL: Record<DisposalKind, string> = { scrap: '报废', sale: '出售', donation: '对外捐赠' };

export interface DisposalInput {
  number: string;
  name: string;
  kind: DisposalKind;
  cost: Decimal;
  accumulated: Decimal;
  /** Money received (出售价款 or 残值变价收入), into the union's bank share. */
  proceeds: Decimal;
  accounts: { asset: string; fund: string; depreciation: string; bank: string; otherIncome: string };
}

/**
 * 处置 (第三十六、三十七条; 科目162 四(四)): the card leaves the books at its book value — Dr 资产基金—固定资产
 * (net value), Dr 累计折旧 (what depreciation took), Cr 固定资产 (cost) — and money received goes Dr bank /
 * Cr 其他收入 (unrestricted). A scrapped asset is written off directly with the approval recorded on the
 * disposal, rather than staged through 待处理财产损溢: the books end the same.
 */
export function disposalLines(d: DisposalInput): VoucherLineInput[] {
  const summary = `${DISPOSAL_LABEL[d.kind]}固定资产 ${d.number} ${d.name}`.slice(0, 200);
  const net = d.cost.minus(d.accumulated);
  const line = (accountCode: string, side: Side, amount: Decimal, fundType: 'unrestricted' | null = null): VoucherLineInput => ({
    summary,
    accountCode,
    side,
    amount,
    projectCode: null,
    fundType,
  });
  const lines: VoucherLineInput[] = [];
  if (net.gt(0)) lines.push(line(d.accounts.fund, 'debit', net));
  if (d.accumulated.gt(0)) lines.push(line(d.accounts.depreciation, 'debit', d.accumulated));
  lines.push(line(d.accounts.asset, 'credit', d.cost));
  if (d.proceeds.gt(0)) lines.push(line(d.accounts.bank, 'debit', d.proceeds), line(d.accounts.otherIncome, 'credit', d.proceeds, 'unrestricted'));
  return lines;
}
