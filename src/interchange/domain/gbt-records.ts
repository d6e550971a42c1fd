import Decimal from 'decimal.js';
import { AccountCategory, NormalSide } from '../../ledger/domain/account-rules';
import { VOUCHER_TYPE_LABEL, VoucherType, VoucherTypes } from '../../ledger/domain/voucher-type';
import { firstDayOf, formatPeriod, lastDayOf } from '../../common/period';
import { FieldValue, record } from './xml-text';

/**
 * Mapping of our books onto the tables of GB/T 24589 (structure as Microsoft's description of Part 1-2010
 * lists it; the element names are the standard's table and data-element names as far as public sources give
 * them — every other choice is in docs/print-and-archive.md "Interchange"). Pure: rows in, XML text out.
 */
export const GBT_STANDARD = 'GB/T 24589.2-2010';
export const GBT_FORMAT_VERSION = '1.0';
export const CURRENCY = 'CNY';
/** Our code scheme, 3-2-2-2 (account-rules.ts): 科目表参数 / 科目结构. */
export const CODE_LEVELS = [3, 2, 2, 2] as const;

export const CATEGORY_LABEL: Record<AccountCategory, string> = {
  asset: '资产',
  liability: '负债',
  net_assets: '净资产',
  income: '收入',
  expense: '支出',
};
export const SIDE_LABEL: Record<NormalSide, string> = { debit: '借', credit: '贷' };
export const FUND_TYPE_LABEL: Record<string, string> = { restricted: '专项', unrestricted: '非专项' };
export const VOUCHER_TYPE_NAME: Record<VoucherType, string> = {
  general: '记账凭证',
  receipt: '收款凭证',
  payment: '付款凭证',
  transfer: '转账凭证',
};
export const yesNo = (b: boolean) => (b ? '是' : '否');

/** A signed (debit-positive) balance as the standard's pair 方向 + 金额: 借 / 贷 / 平 and a non-negative amount. */
export function directed(balance: Decimal): { direction: '借' | '贷' | '平'; amount: string } {
  if (balance.isZero()) return { direction: '平', amount: '0.00' };
  return { direction: balance.gt(0) ? '借' : '贷', amount: balance.abs().toFixed(2) };
}

/** The inverse of `directed`. */
export function signedOf(direction: string, amount: string): Decimal {
  const a = new Decimal(amount);
  return direction === '贷' ? a.negated() : a;
}

export interface LedgerInfo {
  unionCode: string;
  unionName: string;
  centerName: string;
  chartTemplate: string;
  numbering: string;
  firstPeriod: number;
  from: number;
  to: number;
  software: string;
  softwareVersion: string;
  exportedAt: string;
  exportedBy: string;
}

export function ledgerInfoXml(i: LedgerInfo): string {
  return record('电子账簿', [
    ['电子账簿编号', i.unionCode],
    ['电子账簿名称', `${i.unionName}账簿`],
    ['会计核算单位', i.unionName],
    ['单位代码', i.unionCode],
    ['单位性质', '基层工会'],
    ['记账单位', i.centerName],
    ['会计制度', '工会会计制度（财会〔2021〕7号）'],
    ['科目模板', i.chartTemplate],
    ['凭证编号方式', i.numbering],
    ['本位币', CURRENCY],
    ['启用期间', formatPeriod(i.firstPeriod)],
    ['起始期间', formatPeriod(i.from)],
    ['截止期间', formatPeriod(i.to)],
    ['软件名称', i.software],
    ['软件版本', i.softwareVersion],
    ['导出时间', i.exportedAt],
    ['导出人', i.exportedBy],
  ]);
}

export function periodXml(period: number, status: string): string {
  return record('会计期间', [
    ['会计年度', Math.floor(period / 100)],
    ['会计期间号', period % 100],
    ['会计期间', formatPeriod(period)],
    ['起始日期', firstDayOf(period)],
    ['结束日期', lastDayOf(period)],
    ['结账标志', yesNo(status === 'closed')],
  ]);
}

export function voucherTypesXml(): string {
  return VoucherTypes.map((t) => record('凭证类型', [['凭证类型编号', t], ['凭证字', VOUCHER_TYPE_LABEL[t]], ['凭证类型名称', VOUCHER_TYPE_NAME[t]]])).join('');
}

export function dimensionsXml(projects: { code: string; name: string; isActive: boolean }[]): string {
  const kinds = record('辅助核算类型', [['辅助核算类型编号', 'fund_type'], ['辅助核算类型名称', '资金性质']]) +
    record('辅助核算类型', [['辅助核算类型编号', 'project'], ['辅助核算类型名称', '项目']]);
  const items = [
    ...Object.entries(FUND_TYPE_LABEL).map(([code, name]) => record('辅助核算项目', [['辅助核算类型编号', 'fund_type'], ['辅助核算项目编号', code], ['辅助核算项目名称', name], ['启用标志', '是']])),
    ...projects.map((p) => record('辅助核算项目', [['辅助核算类型编号', 'project'], ['辅助核算项目编号', p.code], ['辅助核算项目名称', p.name], ['启用标志', yesNo(p.isActive)]])),
  ];
  return `  <辅助核算类型表>\n${indent(kinds)}  </辅助核算类型表>\n  <辅助核算项目表>\n${indent(items.join(''))}  </辅助核算项目表>\n`;
}

export interface AccountRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  category: AccountCategory;
  normalSide: NormalSide;
  isLeaf: boolean;
  isActive: boolean;
  isStandard: boolean;
}

export function chartParametersXml(): string {
  const total = CODE_LEVELS.reduce((a, b) => a + b, 0);
  return record('科目表参数', [
    ['科目编码规则', CODE_LEVELS.join('-')],
    ['科目级数', CODE_LEVELS.length],
    ['科目编码最大长度', total],
  ]);
}

export function chartStructureXml(): string {
  let sum = 0;
  return CODE_LEVELS.map((len, i) => {
    sum += len;
    return record('科目结构', [['科目级次', i + 1], ['科目编码长度', len], ['累计编码长度', sum]]);
  }).join('');
}

export function accountXml(a: AccountRow): string {
  return record('科目', [
    ['科目编号', a.code],
    ['科目名称', a.name],
    ['科目级次', a.level],
    ['上级科目编号', a.parentCode],
    ['科目类别', CATEGORY_LABEL[a.category]],
    ['余额方向', SIDE_LABEL[a.normalSide]],
    ['末级标志', yesNo(a.isLeaf)],
    ['标准科目标志', yesNo(a.isStandard)],
    ['启用标志', yesNo(a.isActive)],
  ]);
}

/** 期初余额 at the start of the range, per leaf and project (our extension: the import needs the project split). */
export function openingXml(o: { code: string; projectCode: string | null; balance: Decimal }): string {
  const d = directed(o.balance);
  return record('期初余额', [
    ['科目编号', o.code],
    ['项目编号', o.projectCode],
    ['余额方向', d.direction],
    ['余额', d.amount],
  ]);
}

export interface PeriodFigures {
  period: number;
  code: string;
  opening: Decimal;
  debit: Decimal;
  credit: Decimal;
}

export function balanceXml(f: PeriodFigures): string {
  const open = directed(f.opening);
  const close = directed(f.opening.plus(f.debit).minus(f.credit));
  return record('科目余额及发生额', [
    ['会计期间', formatPeriod(f.period)],
    ['科目编号', f.code],
    ['期初余额方向', open.direction],
    ['期初余额', open.amount],
    ['借方发生额', f.debit.toFixed(2)],
    ['贷方发生额', f.credit.toFixed(2)],
    ['期末余额方向', close.direction],
    ['期末余额', close.amount],
  ]);
}

export interface VoucherRow {
  date: string;
  period: number;
  type: VoucherType;
  number: number;
  red: boolean;
  attachments: number;
  source: string;
  preparer: string;
  reviewer: string | null;
  cashier: string | null;
  postedBy: string;
  preparedAt: string;
  postedAt: string;
  reversalOf: string | null;
}

export interface VoucherLineRow {
  lineNo: number;
  summary: string;
  accountCode: string;
  debit: string;
  credit: string;
  projectCode: string | null;
  fundType: string | null;
}

export function voucherXml(v: VoucherRow, lines: VoucherLineRow[]): string {
  const entries = lines.map((l) =>
    record('分录', [
      ['分录序号', l.lineNo],
      ['摘要', l.summary],
      ['科目编号', l.accountCode],
      ['借方金额', new Decimal(l.debit).toFixed(2)],
      ['贷方金额', new Decimal(l.credit).toFixed(2)],
      ['项目编号', l.projectCode],
      ['资金性质', l.fundType],
    ], 6),
  );
  const fields: [string, FieldValue][] = [
    ['凭证日期', v.date],
    ['会计期间', formatPeriod(v.period)],
    ['凭证类型编号', v.type],
    ['凭证字', VOUCHER_TYPE_LABEL[v.type]],
    ['凭证编号', v.number],
    ['附件数', v.attachments],
    ['红字标志', yesNo(v.red)],
    ['冲销凭证号', v.reversalOf],
    ['凭证来源', v.source],
    ['制单人', v.preparer],
    ['审核人', v.reviewer],
    ['出纳', v.cashier],
    ['记账人', v.postedBy],
    ['制单时间', v.preparedAt],
    ['记账时间', v.postedAt],
  ];
  return record('记账凭证', fields, 4, entries.join(''));
}

export interface StatementRow {
  kind: string;
  period: number;
  lines: { no: number; key: string; label: string; values: string[] }[];
}

const REPORTS: Record<string, [string, string]> = {
  'balance-sheet': ['工会01表', '资产负债表'],
  'income-expenditure': ['工会02表', '收入支出表'],
};

export function statementXml(s: StatementRow): string {
  const [base, annual] = s.kind.split(':');
  const [code, name] = REPORTS[base] ?? [base, base];
  const items = s.lines.map((l) =>
    record('报表项目', [['行次', l.no], ['项目编号', l.key], ['项目名称', l.label], ...l.values.map((v, i): [string, FieldValue] => [`数值${i + 1}`, new Decimal(v).toFixed(2)])], 6),
  );
  return record('财务报表', [['报表编号', code], ['报表名称', name], ['会计期间', formatPeriod(s.period)], ['报表期间类型', annual ? '年报' : '月报']], 4, items.join(''));
}

function indent(xml: string): string {
  return xml.replace(/^/gm, '  ').replace(/ {2}$/, '');
}
