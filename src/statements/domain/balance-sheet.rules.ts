import Decimal from 'decimal.js';
import { ZERO } from '../../common/money/amount';
import { StatementLine } from './statement-line';

/**
 * What the balance sheet reads at one date: the signed (debit-positive) balance of every level-1 account,
 * and the income and expense not yet closed into 321/322, by fund (signed, so a surplus is negative).
 */
export interface BalanceSheetColumn {
  balances: ReadonlyMap<string, Decimal>;
  unclosed: { restricted: Decimal; unrestricted: Decimal };
}

type Sign = 1 | -1;
interface AccountLine {
  key: string;
  label: string;
  accounts: string[];
  /** 1: debit balance shown positive (assets); -1: credit balance shown positive (contra, liabilities, net assets). */
  sign: Sign;
  /** Only in monthly (interim) reports (零余额账户用款额度). */
  interimOnly?: boolean;
  /** The part of the current result not yet closed that belongs here (the choice made for before closing). */
  unclosed?: 'restricted' | 'unrestricted';
  indent?: number;
}
interface SumLine {
  key: string;
  label: string;
  /** Keys added (or, prefixed with '-', subtracted). */
  of: string[];
  total?: boolean;
  indent?: number;
}
type Def = (AccountLine | SumLine) & { side: 'assets' | 'liabilities' };

const A = (key: string, label: string, accounts: string[], extra: Partial<AccountLine> = {}): Def => ({ side: 'assets', key, label, accounts, sign: 1, ...extra });
const L = (key: string, label: string, accounts: string[], extra: Partial<AccountLine> = {}): Def => ({ side: 'liabilities', key, label, accounts, sign: -1, ...extra });
const S = (side: Def['side'], key: string, label: string, of: string[], extra: Partial<SumLine> = {}): Def => ({ side, key, label, of, ...extra });

/** 工会01表, line by line as statements-2021.md restates the regulation (附录1 第四、五部分). */
const LINES: Def[] = [
  A('cash', '货币资金', ['101', '102']),
  A('zeroBalanceQuota', '零余额账户用款额度', ['111'], { interimOnly: true }),
  A('fiscalReturnable', '财政应返还额度', ['121']),
  A('receivableFromUpper', '应收上级经费', ['131']),
  A('receivableFromLower', '应收下级经费', ['132']),
  A('otherReceivables', '其他应收款', ['135']),
  A('inventory', '库存物品', ['141']),
  S('assets', 'currentAssets', '流动资产合计', ['cash', 'zeroBalanceQuota', 'fiscalReturnable', 'receivableFromUpper', 'receivableFromLower', 'otherReceivables', 'inventory'], { total: true }),
  A('investments', '投资', ['151']),
  A('constructionInProgress', '在建工程', ['161']),
  A('fixedAssetsCost', '固定资产原值', ['162']),
  A('accumulatedDepreciation', '累计折旧', ['163'], { sign: -1, indent: 1 }),
  S('assets', 'fixedAssetsNet', '固定资产净值', ['fixedAssetsCost', '-accumulatedDepreciation']),
  A('intangibleCost', '无形资产原值', ['171']),
  A('accumulatedAmortization', '累计摊销', ['172'], { sign: -1, indent: 1 }),
  S('assets', 'intangibleNet', '无形资产净值', ['intangibleCost', '-accumulatedAmortization']),
  A('longTermPrepaid', '长期待摊费用', ['181']),
  A('pendingLosses', '待处理财产损溢', ['182']),
  S('assets', 'totalAssets', '资产总计', ['currentAssets', 'investments', 'constructionInProgress', 'fixedAssetsNet', 'intangibleNet', 'longTermPrepaid', 'pendingLosses'], {
    total: true,
  }),
  L('payroll', '应付职工薪酬', ['201']),
  L('payableToUpper', '应付上级经费', ['211']),
  L('payableToLower', '应付下级经费', ['212']),
  L('otherPayables', '其他应付款', ['215']),
  L('entrusted', '代管经费', ['221']),
  S('liabilities', 'totalLiabilities', '负债合计', ['payroll', 'payableToUpper', 'payableToLower', 'otherPayables', 'entrusted'], { total: true }),
  L('assetFund', '资产基金', ['301']),
  L('specialFund', '专用基金', ['311']),
  L('unionCarryForward', '工会资金结转', ['321'], { unclosed: 'restricted' }),
  L('unionSurplus', '工会资金结余', ['322'], { unclosed: 'unrestricted' }),
  L('fiscalCarryForward', '财政拨款结转', ['331']),
  L('fiscalSurplus', '财政拨款结余', ['332']),
  L('stabilizationFund', '预算稳定调节基金', ['341']),
  S('liabilities', 'totalNetAssets', '净资产合计', ['assetFund', 'specialFund', 'unionCarryForward', 'unionSurplus', 'fiscalCarryForward', 'fiscalSurplus', 'stabilizationFund'], {
    total: true,
  }),
  S('liabilities', 'totalLiabilitiesAndNetAssets', '负债与净资产总计', ['totalLiabilities', 'totalNetAssets'], { total: true }),
];

/**
 * 工会01表 资产负债表 for two dates (年初余额, 期末余额 — 年末余额 in the annual report). Income and expense
 * not yet closed at a date are shown inside net assets, restricted in 工会资金结转 and unrestricted in
 * 工会资金结余, exactly where the closing entries will put them: the statement balances at every month end
 * and reads the same before and after closing. Lines are numbered 1… in the form's order (行次); the
 * annual report leaves out 零余额账户用款额度, whose balance is nil at year end.
 */
export function balanceSheetLines(columns: readonly BalanceSheetColumn[], opts: { annual: boolean }): StatementLine[] {
  const values = new Map<string, Decimal[]>();
  for (const def of LINES) {
    if ('accounts' in def) {
      values.set(
        def.key,
        columns.map((c) => {
          const balance = def.accounts.reduce((acc, code) => acc.plus(c.balances.get(code) ?? ZERO), ZERO);
          return balance.plus(def.unclosed ? c.unclosed[def.unclosed] : ZERO).times(def.sign);
        }),
      );
    } else {
      values.set(
        def.key,
        columns.map((_, i) => def.of.reduce((acc, k) => (k.startsWith('-') ? acc.minus(values.get(k.slice(1))![i]) : acc.plus(values.get(k)![i])), ZERO)),
      );
    }
  }
  let no = 0;
  return LINES.filter((def) => !(opts.annual && 'interimOnly' in def && def.interimOnly)).map((def) => ({
    no: ++no,
    key: def.key,
    label: def.label,
    side: def.side,
    indent: def.indent ?? 0,
    total: 'of' in def ? (def.total ?? false) : false,
    values: values.get(def.key)!,
  }));
}

/** 资产总计 = 负债与净资产总计 in every column. */
export function balances(lines: readonly StatementLine[]): boolean {
  const total = (key: string) => lines.find((l) => l.key === key)!.values;
  const a = total('totalAssets');
  const b = total('totalLiabilitiesAndNetAssets');
  return a.every((v, i) => v.equals(b[i]));
}

/** Every level-1 account a line of the 01表 reads. */
export const BALANCE_SHEET_ACCOUNTS: readonly string[] = LINES.flatMap((def) => ('accounts' in def ? def.accounts : []));

/** The two totals `balances` compares, by key (for a check made over many kept statements at once). */
export const BALANCE_SHEET_TOTALS = ['totalAssets', 'totalLiabilitiesAndNetAssets'] as const;

/**
 * 资产总计 − 负债与净资产总计 of a column, without building the statement: every account line counts its
 * balance (debit-positive) once whatever its side and sign (contra assets are netted, liabilities and net assets
 * shown negated), and the current result not yet closed sits in net assets. So a union's balance sheet balances
 * exactly when this is zero — what a consolidation checks in SQL for thousands of unions at once
 * (ConsolidationRepository), with this as the rule its query follows.
 */
export function imbalance(c: BalanceSheetColumn): Decimal {
  return BALANCE_SHEET_ACCOUNTS.reduce((acc, code) => acc.plus(c.balances.get(code) ?? ZERO), c.unclosed.restricted.plus(c.unclosed.unrestricted));
}
