import { QueryFailedError } from 'typeorm';
import { CommonError } from '../common/errors/common.errors';
import { DomainError } from '../common/errors/domain-error';
import { AuthError } from '../auth/auth.errors';
import { LedgerError } from '../ledger/ledger.errors';
import { UnionError } from '../unions/unions.errors';
import { ClaimError } from '../claims/claims.errors';
import { BankingError } from '../banking/banking.errors';
import { assetCardStands } from '../fixed-assets/fixed-assets.errors';
import { isDatabaseUnavailable, isPoolExhausted, sqlState } from './database.service';

/** What the driver tells of a PostgreSQL error (pg's DatabaseError). */
interface PgError {
  code?: string;
  constraint?: string;
  hint?: string;
  message?: string;
}

type Translation = (err: PgError) => DomainError;

/** Errors raised by our own triggers (SQLSTATE class UL). These fire only when a check in code was bypassed or raced. */
const TRIGGER_ERRORS: Record<string, Translation> = {
  UL001: () => new LedgerError('PERIOD_CLOSED', '该会计期间已结账，不能录入或过账凭证'),
  UL002: () => new LedgerError('VOUCHER_POSTED_IMMUTABLE', '已过账凭证及其分录不能修改或删除，请使用红字冲销'),
  UL003: () => new LedgerError('VOUCHER_UNBALANCED', '凭证借贷不平衡或金额方向不正确'),
  UL004: () => new LedgerError('ACCOUNT_NOT_LEAF', '凭证使用了已停用或非末级科目'),
  UL007: () => new LedgerError('VOUCHER_NUMBER_SEQUENCE', '凭证号只能在过账时按顺序分配'),
  UL008: () => new CommonError('CONFLICT', '会计期间状态只能通过结账和反结账改变'),
  UL009: (err) => insufficientFunds(err),
  UL010: () => new LedgerError('OPENING_BALANCES_LOCKED', '已有过账凭证或启用期间已结账，期初余额已锁定'),
  ULR01: () => new LedgerError('VOUCHER_TYPE_NOT_ALLOWED', '凭证类型与本工会当前的凭证编号方式不符（编号方式可能刚被更改），请重新选择凭证类型'),
  ULR02: () => new LedgerError('VOUCHER_IS_REVERSAL', '红字冲销凭证须与所冲销的原凭证关联，且冲销凭证本身不能再冲销'),
  ULR03: () => new AuthError('SOD_SELF_REVIEW', '制单人不能审核自己编制的凭证，出纳不能审核或记账（一人冲销须中心设置允许）'),
  // banking: UL050–UL059
  UL050: () => new UnionError('UNION_WITHDRAWN', '该工会已退出集中核算，账簿只读'),
  UL051: () => new UnionError('UNION_SUSPENDED', '该工会已暂停集中核算，账簿只读；恢复后才能记账'),
  UL052: () =>
    new LedgerError('ACCOUNT_IS_POOLED_SHARE', '该科目是本工会在中心统一账户中的份额，不能增设下级科目，也不能停用（否则资金会绕过可用资金控制）'),
  UL053: () => new BankingError('BANK_SHARE_INVALID', '统一账户份额须为 102 银行存款下启用的末级科目、对应本中心启用中的统一账户，且一经设立不能更改或解除'),
  UL054: () => new BankingError('MATCH_INVALID', '勾对两边的金额合计不相等，或所选流水、分录不属于该统一账户（仅账簿分录的勾对须合计为零）'),
  // closing: UL060–UL069
  UL060: () => new LedgerError('ACCOUNT_RESERVED_FOR_CLOSING', '本年收支结转、累计结转、结转转入只能由结账生成的凭证记入，年初余额调整只用于以前年度调整'),
  UL061: assetCardStands,
};

/** Constraint names of the migrations, mapped to what a clerk should read. */
const CONSTRAINT_ERRORS: Record<string, Translation> = {
  uq_centers_code: () => new UnionError('CENTER_CODE_TAKEN', '核算中心编码已存在'),
  uq_unions_center_code: () => new UnionError('UNION_CODE_TAKEN', '本中心已有相同编码（统一社会信用代码）的工会'),
  fk_unions_center: () => new UnionError('CENTER_NOT_FOUND', '核算中心不存在'),
  pk_accounts: () => new LedgerError('ACCOUNT_CODE_TAKEN', '科目编码已存在'),
  pk_projects: () => new LedgerError('PROJECT_CODE_TAKEN', '项目编码已存在'),
  pk_voucher_reversals: () => new LedgerError('VOUCHER_ALREADY_REVERSED', '该凭证已被冲销，不能重复冲销'),
  fk_voucher_lines_account: () => new LedgerError('ACCOUNT_NOT_FOUND', '凭证使用的科目不属于本工会或不存在'),
  fk_voucher_lines_project: () => new LedgerError('PROJECT_NOT_FOUND', '凭证使用的项目不属于本工会或不存在'),
  fk_voucher_draft_lines_account: () => new LedgerError('ACCOUNT_NOT_FOUND', '凭证使用的科目不属于本工会或不存在'),
  fk_voucher_draft_lines_project: () => new LedgerError('PROJECT_NOT_FOUND', '凭证使用的项目不属于本工会或不存在'),
  pk_vouchers: () => new LedgerError('VOUCHER_NOT_DRAFT', '该凭证已经过账'),
  uq_grants_scope: () => new AuthError('GRANT_EXISTS', '该用户已有此授权'),
  uq_users_username: () => new AuthError('USERNAME_TAKEN', '用户名已存在'),
  fk_accounts_parent: () => new LedgerError('ACCOUNT_HAS_CHILDREN', '科目有下级明细科目，不能删除'),
  fk_account_balances_account: () => new LedgerError('ACCOUNT_HAS_POSTINGS', '科目已有发生额或余额，不能删除，只能停用'),
  uq_claim_rule_sets_effective: () => new ClaimError('RULE_SET_EXISTS', '本中心已有同一生效日期的规则集；修改规则请以新的生效日期另建'),
  fk_claims_account: () => new ClaimError('CLAIM_ACCOUNT_INVALID', '列支科目不属于本工会或不存在'),
  fk_claims_project: () => new LedgerError('PROJECT_NOT_FOUND', '项目不属于本工会或不存在'),
  uq_bank_accounts_no: () => new BankingError('BANK_ACCOUNT_NO_TAKEN', '本中心已登记相同账号的统一账户'),
  pk_bank_account_shares: () => new BankingError('BANK_SHARE_EXISTS', '该科目已是统一账户份额'),
  uq_bank_match_items_statement: () => new BankingError('MATCH_TAKEN', '所选银行流水已在另一勾对中，请先撤销那一勾对'),
  uq_bank_match_items_book: () => new BankingError('MATCH_TAKEN', '所选账簿分录已在另一勾对中，请先撤销那一勾对'),
  uq_bank_statement_formats_name: () => new BankingError('STATEMENT_FORMAT_INVALID', '该银行已有同名的对账单格式'),
  fk_opening_balances_account: () => new LedgerError('ACCOUNT_HAS_POSTINGS', '科目已有期初余额，不能删除，只能停用'),
};

/** Turns a PostgreSQL error into the domain error it stands for, or null when it is a genuine fault. */
export function translateDatabaseError(err: unknown): DomainError | null {
  if (isPoolExhausted(err)) return serviceBusy();
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  if (!(err instanceof QueryFailedError)) return null;
  const state = sqlState(err);
  const driver = err.driverError as PgError;
  const constraint = driver.constraint;
  if (state && TRIGGER_ERRORS[state]) return TRIGGER_ERRORS[state](driver);
  if (constraint && CONSTRAINT_ERRORS[constraint]) return CONSTRAINT_ERRORS[constraint](driver);
  switch (state) {
    case '22003':
      return new CommonError('AMOUNT_OUT_OF_RANGE', '金额或余额超出允许范围（最大 999,999,999,999.99）');
    case '23505':
    case '23503':
      return new CommonError('CONFLICT', '数据已被其他操作修改或仍被引用，请刷新后重试', { constraint });
    case '23514':
      return new CommonError('VALIDATION_FAILED', '数据不符合约束条件', { constraint });
    case '40001':
    case '40P01':
    case '55P03':
      return new CommonError('CONCURRENT_UPDATE', '其他用户正在处理相同的数据，请稍后重试');
    default:
      return null;
  }
}

export function databaseUnavailable(): CommonError {
  return new CommonError('DATABASE_UNAVAILABLE', '数据库暂时无法访问（可能正在重启或恢复），请稍后重试；不确定刚才的操作是否已生效时，请先刷新查看', {
    retryAfterSeconds: 5,
  });
}

/** Every pooled connection stayed busy for DB_POOL_WAIT_SECONDS: shed the request, the client retries. */
export function serviceBusy(): CommonError {
  return new CommonError('SERVICE_UNAVAILABLE', '系统繁忙（数据库连接已全部占用），请稍后重试；不确定刚才的操作是否已生效时，请先刷新查看', {
    retryAfterSeconds: 2,
  });
}

/**
 * The funds guard names the short account in its HINT (older definitions only in the message): cash on
 * hand (101) for cash claims, otherwise the union's share of the pooled bank account.
 */
function insufficientFunds(err: PgError): DomainError {
  const account = err.hint ?? /available funds on (\d+)/.exec(err.message ?? '')?.[1];
  if (account?.startsWith('101')) {
    return new LedgerError('INSUFFICIENT_FUNDS', '本工会库存现金不足（库存现金余额减去已批准未支付的现金报销），不能支出；请先提取现金或改为转账支付', { account });
  }
  return new LedgerError('INSUFFICIENT_FUNDS', '本工会在集中核算户中的可用资金不足（余额减去已批准未支付的预留），不能支出', account ? { account } : undefined);
}
