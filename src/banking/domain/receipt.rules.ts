import Decimal from 'decimal.js';
import { FundType } from '../../ledger/domain/account-rules';
import { VoucherLineInput } from '../../ledger/domain/voucher.rules';
import { BankingError } from '../banking.errors';

export const ReceiptKinds = ['dues', 'allocation', 'subsidy', 'admin_subsidy', 'other', 'refund'] as const;
export type ReceiptKind = (typeof ReceiptKinds)[number];

export const RECEIPT_KIND_LABEL: Record<ReceiptKind, string> = {
  dues: '会费收入',
  allocation: '拨缴经费收入',
  subsidy: '上级补助收入',
  admin_subsidy: '行政补助收入',
  other: '其他收入',
  refund: '退款',
};

/**
 * Where each income kind is credited: a leaf of one of these level-1 accounts (its own code when it has no
 * details). Returned allocated funds are 402 by default, 403 where the center books them as a subsidy.
 */
const INCOME_ROOTS: Record<Exclude<ReceiptKind, 'refund'>, readonly string[]> = {
  dues: ['401'],
  allocation: ['402', '403'],
  subsidy: ['403'],
  admin_subsidy: ['405'],
  other: ['408'],
};

/** A refund gives back spending (a 5xx expense), an advance (135 其他应收款), or last year's spending (年初余额调整). */
const REFUND_ACCOUNTS = /^(5\d{2}(\d{2}){0,3}|135(\d{2}){0,3}|32101|32201)$/;

export interface ReceiptInput {
  kind: ReceiptKind;
  amount: Decimal;
  payer: string;
  memo: string | null;
  /** The account credited, when not the kind's default. */
  account: string | null;
  fundType: FundType | null;
  projectCode: string | null;
  /** For returned allocated funds without an account given: the center's choice, 402 or 40301 (brief §1.2). */
  allocationAccount: string;
}

export interface ReceiptCredit {
  account: string;
  fundType: FundType | null;
  projectCode: string | null;
}

/**
 * The account a receipt credits: the kind's income account (上级补助 split into 40301 一般性 / 40302 专项 by
 * fund type; 会费 always unrestricted), or for a refund the expense, receivable or adjustment it reverses.
 * Whether the account is an active leaf of this union's chart is the voucher's rules' business.
 */
export function receiptCredit(r: ReceiptInput): ReceiptCredit {
  if (r.fundType === 'restricted' && !r.projectCode) {
    throw new BankingError('RECEIPT_INVALID', '专项资金收入须注明项目（project）');
  }
  if (r.kind === 'refund') {
    if (!r.account || !REFUND_ACCOUNTS.test(r.account)) {
      throw new BankingError('RECEIPT_INVALID', '退款须指明冲减的科目：支出科目（5 开头）、其他应收款 135，或以前年度的 32101/32201 年初余额调整');
    }
    return { account: r.account, fundType: r.account.startsWith('5') ? (r.fundType ?? 'unrestricted') : null, projectCode: r.projectCode };
  }
  if (r.kind === 'dues' && r.fundType === 'restricted') throw new BankingError('RECEIPT_INVALID', '会费收入一律为非专项资金');
  const roots = INCOME_ROOTS[r.kind];
  const fallback = r.kind === 'allocation' ? r.allocationAccount : r.kind === 'subsidy' ? (r.fundType === 'restricted' ? '40302' : '40301') : roots[0];
  const account = r.account ?? fallback;
  if (!roots.some((root) => account.startsWith(root))) {
    throw new BankingError('RECEIPT_INVALID', `${RECEIPT_KIND_LABEL[r.kind]}应记入 ${roots.join(' 或 ')} 或其明细科目，${account} 不是`);
  }
  return { account, fundType: r.fundType ?? 'unrestricted', projectCode: r.projectCode };
}

/** The receipt voucher: Dr the union's share of the pooled account / Cr what the money is. */
export function receiptLines(r: ReceiptInput, shareAccount: string, credit: ReceiptCredit): VoucherLineInput[] {
  const summary = `${RECEIPT_KIND_LABEL[r.kind]}：${r.payer}${r.memo ? `，${r.memo}` : ''}`.slice(0, 200);
  return [
    { summary, accountCode: shareAccount, side: 'debit', amount: r.amount, projectCode: null, fundType: null },
    { summary, accountCode: credit.account, side: 'credit', amount: r.amount, projectCode: credit.projectCode, fundType: credit.fundType },
  ];
}
