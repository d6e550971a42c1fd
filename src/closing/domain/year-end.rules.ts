import Decimal from 'decimal.js';
import { formatAmount, ZERO } from '../../common/money/amount';
import { NET_ASSET_ACCOUNTS as A } from '../../ledger/domain/closing-accounts';
import { Side, VoucherLineInput } from '../../ledger/domain/voucher.rules';
import { ClosingError } from '../closing.errors';

/** A 321/322 sub-account's balance for one project (null: none), debit-positive (a credit balance is negative). */
export interface NetAssetBalance {
  accountCode: string;
  projectCode: string | null;
  balance: Decimal;
}

/** A restricted project the accountant declares finished: its money moves to surplus, all or this amount. */
export interface FinishedProject {
  projectCode: string;
  amount?: Decimal;
}

const RESTRICTED_SWEPT = [A.restrictedAdjustment, A.restrictedInternal, A.restrictedCurrent];
const UNRESTRICTED_SWEPT = [A.unrestrictedAdjustment, A.unrestrictedInternal, A.unrestrictedCurrent, A.transferredIn];

/**
 * 4a of 年终结转 (brief §2.5, "Order in practice"): 32101 年初余额调整, 32102 单位内部调剂 and 32103 本年收支结转
 * into 32104 累计结转, project by project. Run first, so that a project funded this year is in 32104 before
 * step 3 can move it.
 */
export function carryForwardLines(year: number, balances: readonly NetAssetBalance[]): VoucherLineInput[] {
  const byProject = new Map<string, NetAssetBalance[]>();
  for (const b of balances) {
    if (!RESTRICTED_SWEPT.includes(b.accountCode as (typeof RESTRICTED_SWEPT)[number]) || b.balance.isZero()) continue;
    const key = b.projectCode ?? '';
    byProject.set(key, [...(byProject.get(key) ?? []), b]);
  }
  return sweep(`${year} 年终结转：工会资金结转转入累计结转`, byProject, A.restrictedAccumulated, true);
}

/**
 * Step 3: each finished project's money (what 32104 holds for it after 4a, or the amount chosen) moves to
 * surplus: Dr 32104 累计结转 (project) / Cr 32204 结转转入.
 */
export function finishedProjectLines(year: number, accumulated: ReadonlyMap<string, Decimal>, finished: readonly FinishedProject[]): VoucherLineInput[] {
  const seen = new Set<string>();
  const lines: VoucherLineInput[] = [];
  for (const f of finished) {
    if (seen.has(f.projectCode)) throw new ClosingError('FINISHED_PROJECT_INVALID', `项目 ${f.projectCode} 重复列出`);
    seen.add(f.projectCode);
    // a credit balance is money the project still holds
    const available = (accumulated.get(f.projectCode) ?? ZERO).negated();
    const amount = f.amount ?? available;
    if (!available.gt(0)) {
      throw new ClosingError('FINISHED_PROJECT_INVALID', `项目 ${f.projectCode} 没有可转入结余的累计结转资金`, { project: f.projectCode });
    }
    if (!amount.gt(0) || amount.gt(available)) {
      throw new ClosingError(
        'FINISHED_PROJECT_INVALID',
        `项目 ${f.projectCode} 转入结余的金额应大于零且不超过其累计结转 ${formatAmount(available)}`,
        { project: f.projectCode, available: formatAmount(available), amount: formatAmount(amount) },
      );
    }
    const summary = `${year} 年终结转：项目 ${f.projectCode} 已完成，剩余资金转入结余`;
    lines.push(line(summary, A.restrictedAccumulated, 'debit', amount, f.projectCode), line(summary, A.transferredIn, 'credit', amount, null));
  }
  return lines;
}

/** 4b: 32201 年初余额调整, 32202 单位内部调剂, 32203 本年收支结转 and 32204 结转转入 into 32205 累计结余. */
export function surplusLines(year: number, balances: readonly NetAssetBalance[]): VoucherLineInput[] {
  const byAccount = new Map<string, Decimal>();
  for (const b of balances) {
    if (!UNRESTRICTED_SWEPT.includes(b.accountCode as (typeof UNRESTRICTED_SWEPT)[number])) continue;
    byAccount.set(b.accountCode, (byAccount.get(b.accountCode) ?? ZERO).plus(b.balance));
  }
  const items = [...byAccount].filter(([, v]) => !v.isZero()).map(([accountCode, balance]) => ({ accountCode, projectCode: null, balance }));
  return sweep(`${year} 年终结转：工会资金结余转入累计结余`, new Map([['', items]]), A.unrestrictedAccumulated, false);
}

/** Zeroes every balance given and puts the net of each group on the target (per project when `keepProject`). */
function sweep(summary: string, groups: ReadonlyMap<string, NetAssetBalance[]>, target: string, keepProject: boolean): VoucherLineInput[] {
  const lines: VoucherLineInput[] = [];
  for (const key of [...groups.keys()].sort()) {
    const items = [...groups.get(key)!].sort((a, b) => a.accountCode.localeCompare(b.accountCode));
    if (items.length === 0) continue;
    let net = ZERO;
    for (const b of items) {
      net = net.plus(b.balance);
      lines.push(line(summary, b.accountCode, b.balance.lt(0) ? 'debit' : 'credit', b.balance.abs(), keepProject ? b.projectCode : null));
    }
    if (!net.isZero()) lines.push(line(summary, target, net.lt(0) ? 'credit' : 'debit', net.abs(), keepProject && key !== '' ? key : null));
  }
  return lines;
}

function line(summary: string, accountCode: string, side: Side, amount: Decimal, projectCode: string | null): VoucherLineInput {
  return { summary, accountCode, side, amount, projectCode, fundType: null };
}
