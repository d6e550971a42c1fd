import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { formatAmount } from '../../common/money/amount';
import { formatPeriod, periodOfDate } from '../../common/period';
import { LedgerError, LedgerErrorCode } from '../ledger.errors';
import {
  AccountCategory,
  FundType,
  carriesFundType,
  defaultFundType,
  isAlwaysRestricted,
  isAlwaysUnrestricted,
  isCashOrBank,
} from './account-rules';
import { guardedAccountProblem } from './closing-accounts';
import { VOUCHER_TYPE_LABEL, VoucherNumbering, VoucherSource, VoucherType, allowedTypes } from './voucher-type';

export type Side = 'debit' | 'credit';

export interface VoucherLineInput {
  summary: string;
  accountCode: string;
  side: Side;
  amount: Decimal;
  projectCode: string | null;
  fundType: FundType | null;
}

export interface VoucherInput {
  date: string;
  type: VoucherType;
  red: boolean;
  attachmentCount: number;
  lines: VoucherLineInput[];
  /** Who makes it: closing and prior-year corrections may use accounts nobody else may. Default manual. */
  source?: VoucherSource;
}

export interface AccountView {
  code: string;
  name: string;
  category: AccountCategory;
  isLeaf: boolean;
  isActive: boolean;
}

/** What the rules need to know about the union's books at the moment of saving or posting. */
export interface VoucherContext {
  numbering: VoucherNumbering;
  firstPeriod: number;
  periodClosed: boolean;
  accounts: ReadonlyMap<string, AccountView>;
  projects: ReadonlyMap<string, { isActive: boolean }>;
}

export interface ValidLine extends VoucherLineInput {
  lineNo: number;
}

export interface ValidVoucher extends VoucherInput {
  period: number;
  lines: ValidLine[];
  total: Decimal;
}

interface Problem {
  code: LedgerErrorCode;
  message: string;
  line?: number;
}

/**
 * The posting rules of a 记账凭证, applied on every save and again on posting: at least two lines, one side
 * per line, blue amounts positive and red amounts negative, Σdebit = Σcredit, only active leaf accounts of
 * this union, fund types only on income and expense lines (401 always unrestricted, restricted lines name a
 * project), a voucher type the union's numbering allows and whose content fits it, and an open period on or
 * after the union's first period. Every problem is reported at once; the first one names the error.
 */
export function validateVoucher(input: VoucherInput, ctx: VoucherContext): ValidVoucher {
  const problems: Problem[] = [];
  const period = periodOfDate(input.date);

  if (period < ctx.firstPeriod) {
    problems.push({
      code: 'PERIOD_BEFORE_START',
      message: `凭证日期 ${input.date} 早于本工会启用期间 ${formatPeriod(ctx.firstPeriod)}`,
    });
  } else if (ctx.periodClosed) {
    problems.push({ code: 'PERIOD_CLOSED', message: `会计期间 ${formatPeriod(period)} 已结账，不能录入或过账凭证` });
  }

  if (!allowedTypes(ctx.numbering).includes(input.type)) {
    const allowed = allowedTypes(ctx.numbering)
      .map((t) => VOUCHER_TYPE_LABEL[t])
      .join('/');
    problems.push({
      code: 'VOUCHER_TYPE_NOT_ALLOWED',
      message: `本工会凭证类别为 ${allowed}，不能使用“${VOUCHER_TYPE_LABEL[input.type]}”字凭证`,
    });
  }

  if (input.lines.length < 2) {
    problems.push({ code: 'VOUCHER_TOO_FEW_LINES', message: '记账凭证至少需要两条分录' });
  }

  const source = input.source ?? 'manual';
  const lines = input.lines.map((line, index) => {
    const lineNo = index + 1;
    const fundType = checkLine(line, lineNo, input.red, source, ctx, problems);
    return { ...line, lineNo, fundType };
  });

  const debit = total(lines, 'debit');
  const credit = total(lines, 'credit');
  if (!debit.equals(credit)) {
    problems.push({
      code: 'VOUCHER_UNBALANCED',
      message: `借贷不平衡：借方合计 ${formatAmount(debit)}，贷方合计 ${formatAmount(credit)}`,
    });
  }

  checkTypeContent(input, problems);

  if (problems.length > 0) {
    const [first] = problems;
    throw new LedgerError(first.code, first.message, { problems });
  }
  return { ...input, period, lines, total: debit };
}

function checkLine(
  line: VoucherLineInput,
  lineNo: number,
  red: boolean,
  source: VoucherSource,
  ctx: VoucherContext,
  problems: Problem[],
): FundType | null {
  const at = `第 ${lineNo} 行`;
  if (red ? !line.amount.lt(0) : !line.amount.gt(0)) {
    problems.push({
      code: 'AMOUNT_SIGN_INVALID',
      line: lineNo,
      message: red ? `${at}：红字凭证的金额必须为负数` : `${at}：金额必须大于零（负数金额只用于红字冲销凭证）`,
    });
  }

  const account = ctx.accounts.get(line.accountCode);
  if (!account) {
    problems.push({ code: 'ACCOUNT_NOT_FOUND', line: lineNo, message: `${at}：科目 ${line.accountCode} 不存在` });
    return line.fundType;
  }
  if (!account.isLeaf) {
    problems.push({
      code: 'ACCOUNT_NOT_LEAF',
      line: lineNo,
      message: `${at}：科目 ${account.code} ${account.name} 有下级明细科目，只能记入末级科目`,
    });
  }
  if (!account.isActive) {
    problems.push({
      code: 'ACCOUNT_INACTIVE',
      line: lineNo,
      message: `${at}：科目 ${account.code} ${account.name} 已停用`,
    });
  }

  const guarded = guardedAccountProblem(account.code, source);
  if (guarded) problems.push({ code: 'ACCOUNT_RESERVED_FOR_CLOSING', line: lineNo, message: `${at}：${guarded}` });
  if (source === 'correction' && carriesFundType(account.category)) {
    problems.push({
      code: 'CORRECTION_THROUGH_ADJUSTMENT',
      line: lineNo,
      message: `${at}：以前年度调整不通过收入、支出科目，请记入 32101/32201 年初余额调整`,
    });
  }

  if (line.projectCode !== null) {
    const project = ctx.projects.get(line.projectCode);
    // closing empties what a project holds even after the project was deactivated
    if (!project || (!project.isActive && source !== 'closing')) {
      problems.push({ code: 'PROJECT_NOT_FOUND', line: lineNo, message: `${at}：项目 ${line.projectCode} 不存在或已停用` });
    }
  }

  if (!carriesFundType(account.category)) {
    if (line.fundType !== null) {
      problems.push({
        code: 'FUND_TYPE_NOT_APPLICABLE',
        line: lineNo,
        message: `${at}：只有收入和支出科目区分专项/非专项资金`,
      });
    }
    return null;
  }
  const fundType = line.fundType ?? defaultFundType(account.code);
  if (fundType === 'restricted' && isAlwaysUnrestricted(account.code)) {
    problems.push({ code: 'FUND_TYPE_INVALID', line: lineNo, message: `${at}：会费收入和一般性转移支付补助一律为非专项资金` });
  }
  if (fundType === 'unrestricted' && isAlwaysRestricted(account.code)) {
    problems.push({ code: 'FUND_TYPE_INVALID', line: lineNo, message: `${at}：专项转移支付补助一律为专项资金，须注明项目` });
  }
  if (fundType === 'restricted' && line.projectCode === null) {
    problems.push({ code: 'PROJECT_REQUIRED', line: lineNo, message: `${at}：专项资金收支必须注明项目` });
  }
  return fundType;
}

/** 收 vouchers debit cash or bank, 付 vouchers credit it, 转 vouchers leave it alone (usual 凭证类别限制). */
function checkTypeContent(input: VoucherInput, problems: Problem[]): void {
  const touches = (side: Side) => input.lines.some((l) => l.side === side && isCashOrBank(l.accountCode));
  if (input.type === 'receipt' && !touches('debit')) {
    problems.push({ code: 'VOUCHER_TYPE_MISMATCH', message: '收款凭证的借方必须有库存现金或银行存款科目' });
  } else if (input.type === 'payment' && !touches('credit')) {
    problems.push({ code: 'VOUCHER_TYPE_MISMATCH', message: '付款凭证的贷方必须有库存现金或银行存款科目' });
  } else if (input.type === 'transfer' && (touches('debit') || touches('credit'))) {
    problems.push({ code: 'VOUCHER_TYPE_MISMATCH', message: '转账凭证不能涉及库存现金或银行存款科目' });
  }
}

function total(lines: VoucherLineInput[], side: Side): Decimal {
  return lines.filter((l) => l.side === side).reduce((acc, l) => acc.plus(l.amount), ZERO);
}

/**
 * The type a voucher gets when the client leaves it out: 记 under general numbering; otherwise 付 when cash
 * or bank is credited (including cash ⇄ bank transfers, which by convention go on a payment voucher), 收
 * when it is debited, else 转.
 */
export function inferVoucherType(numbering: VoucherNumbering, lines: readonly Pick<VoucherLineInput, 'side' | 'accountCode'>[]): VoucherType {
  if (numbering === 'general') return 'general';
  if (lines.some((l) => l.side === 'credit' && isCashOrBank(l.accountCode))) return 'payment';
  if (lines.some((l) => l.side === 'debit' && isCashOrBank(l.accountCode))) return 'receipt';
  return 'transfer';
}
