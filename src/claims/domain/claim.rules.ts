import Decimal from 'decimal.js';
import { formatAmount, sum, ZERO } from '../../common/money/amount';
import { VoucherLineInput } from '../../ledger/domain/voucher.rules';
import { ClaimError } from '../claims.errors';
import { CapitalisedItem, capitalisedTotal, FIXED_ASSET_ACCOUNT, FIXED_ASSET_FUND_ACCOUNT, itemSummary } from './capitalisation.rules';
import { CLAIM_KIND_LABEL, ClaimKind, Occasion, PER_PERSON_KINDS } from './claim-kinds';

export const ClaimStatuses = ['draft', 'submitted', 'approved', 'rejected', 'reviewed', 'checked', 'returned', 'cancelled', 'paid', 'posted'] as const;
export type ClaimStatus = (typeof ClaimStatuses)[number];

export const CLAIM_STATUS_LABEL: Record<ClaimStatus, string> = {
  draft: '草稿',
  submitted: '待主席审批',
  approved: '待中心审核',
  rejected: '已驳回',
  reviewed: '待凭证复核',
  checked: '待付款',
  returned: '已退回',
  cancelled: '已作废',
  paid: '已付款待记账',
  posted: '已付款已记账',
};

export type ClaimAction = 'edit' | 'submit' | 'withdraw' | 'approve' | 'reject' | 'review' | 'check' | 'return' | 'cancel' | 'pay' | 'post';

/**
 * The workflow: each action, the states it may start from and the state it leads to. Withdrawing gives
 * the claim back to the clerk as a draft; return does the same from the center's side, with reasons.
 * After approval the payment follows brief §6.2: the accountant reviews the claim and prepares the payment
 * voucher (review), another person reviews the voucher (check, 审核), the cashier pays (pay, 出纳), and
 * the voucher is posted (post, 记账). Once the money has left, the claim can only be posted.
 */
const TRANSITIONS: Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus | null }> = {
  edit: { from: ['draft', 'returned'], to: null },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  withdraw: { from: ['submitted'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  review: { from: ['approved'], to: 'reviewed' },
  check: { from: ['reviewed'], to: 'checked' },
  return: { from: ['approved', 'reviewed', 'checked'], to: 'returned' },
  cancel: { from: ['draft', 'returned', 'approved', 'reviewed', 'checked'], to: 'cancelled' },
  pay: { from: ['checked'], to: 'paid' },
  post: { from: ['paid'], to: 'posted' },
};

const ACTION_LABEL: Record<ClaimAction, string> = {
  edit: '修改',
  submit: '提交',
  withdraw: '撤回',
  approve: '审批',
  reject: '驳回',
  review: '审核',
  check: '复核付款凭证',
  return: '退回',
  cancel: '作废',
  pay: '付款',
  post: '记账',
};

/** Whether a claim in this state can take the action (the web app offers only those). */
export function actionAllowed(status: ClaimStatus, action: ClaimAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** A line's amount: quantity × unit price, rounded half up to the fen. */
export function lineAmount(quantity: Decimal, unitPrice: Decimal): Decimal {
  return quantity.times(unitPrice).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The state an action leads to, or CLAIM_STATUS when the claim is not where the action starts. */
export function transition(status: ClaimStatus, action: ClaimAction): ClaimStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw new ClaimError('CLAIM_STATUS', `报销单当前状态为“${CLAIM_STATUS_LABEL[status]}”，不能${ACTION_LABEL[action]}`, { status, action });
  }
  return t.to ?? status;
}

/** States in which the claim's amount counts toward the per-person caps (the money is or will be spent). */
export const LIVE_STATUSES: readonly ClaimStatus[] = ['submitted', 'approved', 'reviewed', 'checked', 'paid', 'posted'];

/** States in which a payment voucher draft exists for the claim (prepared at review, posted at post). */
export const VOUCHER_DRAFTED: readonly ClaimStatus[] = ['reviewed', 'checked', 'paid'];

/** Expense accounts a claim may charge: leaves under these level-1 accounts of the union's chart. */
export const CLAIM_EXPENSE_ROOTS = ['501', '503', '504', '505', '507', '510'] as const;

export interface ClaimLineInput {
  description: string;
  quantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
}

export interface BeneficiaryInput {
  member: string;
  name: string;
}

export interface ClaimDraftInput {
  kind: ClaimKind;
  occasion: Occasion | null;
  expenseAccount: string;
  fundType: 'restricted' | 'unrestricted';
  projectCode: string | null;
  payee: { kind: 'bank' | 'cash'; name: string; bank: string | null; account: string | null };
  lines: ClaimLineInput[];
  beneficiaries: BeneficiaryInput[];
}

export interface ValidClaim {
  amount: Decimal;
  beneficiaries: { member: string; name: string; share: Decimal }[];
}

/**
 * Checks a claim's own content (what needs no books): lines multiply out, the payee can be paid, the
 * kind gets the details it needs. Returns the total and each beneficiary's share.
 */
export function validateClaim(input: ClaimDraftInput): ValidClaim {
  input.lines.forEach((line, i) => {
    if (!line.quantity.gt(0) || !line.unitPrice.gt(0)) {
      throw new ClaimError('CLAIM_LINE_AMOUNT', `第 ${i + 1} 行数量和单价必须大于零`, { line: i + 1 });
    }
    const expected = lineAmount(line.quantity, line.unitPrice);
    if (!expected.equals(line.amount)) {
      throw new ClaimError(
        'CLAIM_LINE_AMOUNT',
        `第 ${i + 1} 行金额应为 数量 × 单价 = ${formatAmount(expected)}，填写的是 ${formatAmount(line.amount)}`,
        { line: i + 1, expected: formatAmount(expected) },
      );
    }
  });
  const amount = sum(input.lines.map((l) => l.amount));
  if (!CLAIM_EXPENSE_ROOTS.some((root) => input.expenseAccount.startsWith(root))) {
    throw new ClaimError('CLAIM_ACCOUNT_INVALID', `报销只能列支 ${CLAIM_EXPENSE_ROOTS.join('/')} 下的支出科目，${input.expenseAccount} 不是`);
  }
  if (input.fundType === 'restricted' && !input.projectCode) {
    throw new ClaimError('CLAIM_ACCOUNT_INVALID', '专项资金支出须注明项目');
  }
  if (input.payee.kind === 'bank' && !input.payee.account) {
    throw new ClaimError('CLAIM_PAYEE_INVALID', '转账支付须填写收款人银行账号');
  }
  if (input.occasion && input.kind !== 'holiday_gift') {
    throw new ClaimError('CLAIM_BENEFICIARIES_INVALID', '只有节日慰问品需要注明节日');
  }
  return { amount, beneficiaries: shares(input.kind, amount, input.beneficiaries) };
}

/**
 * Per-person kinds list their members by name (实名发放); the amount is split evenly to the cent, the
 * remainder cents going to the first members, so the shares add up to the claim exactly.
 */
function shares(kind: ClaimKind, amount: Decimal, people: BeneficiaryInput[]): ValidClaim['beneficiaries'] {
  if (!PER_PERSON_KINDS.includes(kind)) {
    if (people.length > 0) throw new ClaimError('CLAIM_BENEFICIARIES_INVALID', `${CLAIM_KIND_LABEL[kind]}不按人发放，不填写受益人名单`);
    return [];
  }
  if (people.length === 0) {
    throw new ClaimError('CLAIM_BENEFICIARIES_INVALID', `${CLAIM_KIND_LABEL[kind]}按人发放，须填写受益会员名单（会员编号、姓名）`);
  }
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.member)) throw new ClaimError('CLAIM_BENEFICIARIES_INVALID', `会员 ${p.member}（${p.name}）在名单中重复`);
    seen.add(p.member);
  }
  const cents = amount.times(100);
  const base = cents.dividedToIntegerBy(people.length);
  const extra = cents.minus(base.times(people.length)).toNumber();
  if (base.lte(ZERO)) throw new ClaimError('CLAIM_BENEFICIARIES_INVALID', '金额不足以分给名单上的每一位会员');
  return people.map((p, i) => ({ member: p.member, name: p.name, share: base.plus(i < extra ? 1 : 0).dividedBy(100) }));
}

/** 集体研究: above the center's threshold the chair approves only with a recorded committee decision. */
export function requireCommitteeDecision(amount: Decimal, threshold: Decimal, decision: { date: string | null; ref: string | null }): void {
  if (amount.gt(threshold) && !(decision.date && decision.ref)) {
    throw new ClaimError(
      'COMMITTEE_DECISION_REQUIRED',
      `金额 ${formatAmount(amount)} 超过 ${formatAmount(threshold)} 元，须先经工会委员会集体研究，填写研究日期和会议纪要编号后方可审批`,
      { threshold: formatAmount(threshold) },
    );
  }
}

/** 现金管理暂行条例 第五条: cash above the settlement threshold only where the center allows it. */
export function requireCashAllowed(payee: 'bank' | 'cash', amount: Decimal, limit: Decimal, allowAbove: boolean): void {
  if (payee === 'cash' && amount.gt(limit) && !allowAbove) {
    throw new ClaimError(
      'CASH_LIMIT_EXCEEDED',
      `现金支付不得超过结算起点 ${formatAmount(limit)} 元（现金管理暂行条例 第五条），请改为转账`,
      { limit: formatAmount(limit) },
    );
  }
}

/**
 * The payment voucher's lines: the expense against the union's bank share (or cash); the items that are
 * fixed assets (capitalisation.rules.ts) also enter 固定资产 against 资产基金, one debit line per item.
 */
export function paymentLines(claim: {
  number: string;
  kind: ClaimKind;
  purpose: string;
  expenseAccount: string;
  fundType: 'restricted' | 'unrestricted';
  projectCode: string | null;
  amount: Decimal;
  creditAccount: string;
  fixedAssets: readonly CapitalisedItem[];
}): VoucherLineInput[] {
  // what the books keep for good: the kind's Chinese name, never its code
  const summary = `支付报销单 ${claim.number} ${CLAIM_KIND_LABEL[claim.kind]} ${claim.purpose}`.slice(0, 100);
  const line = (summary: string, accountCode: string, side: 'debit' | 'credit', amount: Decimal, dims?: Pick<VoucherLineInput, 'projectCode' | 'fundType'>) => ({
    summary: summary.slice(0, 100),
    accountCode,
    side,
    amount,
    projectCode: dims?.projectCode ?? null,
    fundType: dims?.fundType ?? null,
  });
  const lines: VoucherLineInput[] = [
    line(summary, claim.expenseAccount, 'debit', claim.amount, { projectCode: claim.projectCode, fundType: claim.fundType }),
    line(summary, claim.creditAccount, 'credit', claim.amount),
  ];
  if (claim.fixedAssets.length > 0) {
    for (const item of claim.fixedAssets) lines.push(line(`报销单 ${claim.number} 固定资产入账：${itemSummary(item)}`, FIXED_ASSET_ACCOUNT, 'debit', item.amount));
    lines.push(line(`报销单 ${claim.number} 固定资产入账`, FIXED_ASSET_FUND_ACCOUNT, 'credit', capitalisedTotal(claim.fixedAssets)));
  }
  return lines;
}
