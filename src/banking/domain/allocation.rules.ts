import Decimal from 'decimal.js';
import { AMOUNT_PATTERN } from '../../common/money/amount';
import { RowProblem } from './row-problems';

/** The columns of an allocation file, each by the names banks' and federations' sheets use for it. */
export const ALLOCATION_COLUMNS = {
  union: ['工会编码', '单位编码', '工会代码', '统一社会信用代码'],
  unionName: ['工会名称', '单位名称'],
  amount: ['金额', '分配金额', '返还金额', '拨付金额'],
  kind: ['类型', '收入类型', '款项类型'],
  memo: ['摘要', '备注', '用途'],
  project: ['项目', '项目编码'],
} as const;

export type AllocationKind = 'allocation' | 'subsidy';

/** What a row's 类型 may say (blank: returned allocated funds), and what it is booked as. */
export const ALLOCATION_KIND_NAMES: Record<string, { kind: AllocationKind; fundType: 'unrestricted' | 'restricted' }> = {
  拨缴经费: { kind: 'allocation', fundType: 'unrestricted' },
  拨缴经费收入: { kind: 'allocation', fundType: 'unrestricted' },
  经费返还: { kind: 'allocation', fundType: 'unrestricted' },
  上级补助: { kind: 'subsidy', fundType: 'unrestricted' },
  上级补助收入: { kind: 'subsidy', fundType: 'unrestricted' },
  一般性转移支付补助: { kind: 'subsidy', fundType: 'unrestricted' },
  专项补助: { kind: 'subsidy', fundType: 'restricted' },
  专项转移支付补助: { kind: 'subsidy', fundType: 'restricted' },
};

export const ALLOCATION_KIND_CHOICES = ['拨缴经费', '上级补助', '专项补助'];

/** A union of the center as a row may name it. */
export interface UnionForRow {
  id: string;
  name: string;
  status: string;
  /** Its share of the pooled account the credit arrived on, or null. */
  share: string | null;
}

export interface AllocationRow {
  row: number;
  unionId: string;
  unionCode: string;
  share: string;
  kind: AllocationKind;
  fundType: 'unrestricted' | 'restricted';
  projectCode: string | null;
  amount: Decimal;
  memo: string | null;
}

type Columns = { union: number; amount: number; unionName?: number; kind?: number; memo?: number; project?: number };

/**
 * Checks every row of an allocation file and the file as a whole, collecting every problem: an unknown,
 * withdrawn or suspended union or one without a share of the account; a bad amount or type; a row repeated
 * (the same union and type twice); a name that contradicts the code; and a total that is not the bank credit.
 * Period and account checks against the books follow, row by row, in the service.
 */
export function checkAllocationRows(
  rows: { row: number; cells: string[] }[],
  columns: Columns,
  unions: ReadonlyMap<string, UnionForRow>,
  credit: { amount: Decimal },
): { rows: AllocationRow[]; total: Decimal; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const valid: AllocationRow[] = [];
  const seen = new Map<string, number>();
  let total = new Decimal(0);
  let amountsOk = true;
  for (const { row, cells } of rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const code = cell(columns.union);
    const amountText = cell(columns.amount).replace(/[,，\s¥￥]/g, '');
    const kindText = cell(columns.kind);
    const project = cell(columns.project) || null;
    const memo = cell(columns.memo) || null;
    const before = problems.length;
    const union = unions.get(code);
    if (!code) problems.push({ row, column: '工会编码', message: '缺少工会编码' });
    else if (!union) problems.push({ row, column: '工会编码', message: `本中心没有编码为 ${code} 的工会` });
    else if (union.status === 'withdrawn') problems.push({ row, column: '工会编码', message: `工会 ${code} ${union.name} 已退出集中核算` });
    else if (union.status === 'suspended') problems.push({ row, column: '工会编码', message: `工会 ${code} ${union.name} 已暂停集中核算` });
    else if (!union.share) problems.push({ row, column: '工会编码', message: `工会 ${code} ${union.name} 在收款的统一账户中没有份额` });
    const name = cell(columns.unionName);
    if (union && name && name !== union.name) {
      problems.push({ row, column: '工会名称', message: `工会名称“${name}”与编码 ${code} 的工会“${union.name}”不符` });
    }
    const amountOk = AMOUNT_PATTERN.test(amountText) && !amountText.startsWith('-') && !new Decimal(amountText).isZero();
    if (!amountOk) problems.push({ row, column: '金额', message: `金额应为大于零、最多两位小数的数字（填写的是“${cell(columns.amount)}”）` });
    const kind = kindText === '' ? ALLOCATION_KIND_NAMES['拨缴经费'] : ALLOCATION_KIND_NAMES[kindText];
    if (!kind) problems.push({ row, column: '类型', message: `类型只能是 ${ALLOCATION_KIND_CHOICES.join('、')}（填写的是“${kindText}”）` });
    if (kind?.fundType === 'restricted' && !project) problems.push({ row, column: '项目', message: '专项补助须填写项目编码' });
    if (project && project.length > 32) problems.push({ row, column: '项目', message: '项目编码不能超过 32 个字符' });
    if (memo && memo.length > 100) problems.push({ row, column: '摘要', message: '摘要不能超过 100 个字' });
    if (union && kind) {
      const key = `${union.id}:${kind.kind}:${kind.fundType}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ row, message: `与第 ${first} 行重复：同一工会、同一类型只能有一行` });
      else seen.set(key, row);
    }
    if (amountOk) total = total.plus(amountText);
    else amountsOk = false;
    if (problems.length > before || !union || !kind || !union.share) continue;
    valid.push({ row, unionId: union.id, unionCode: code, share: union.share, kind: kind.kind, fundType: kind.fundType, projectCode: project, amount: new Decimal(amountText), memo });
  }
  // a total is only meaningful when every amount could be read
  if (rows.length > 0 && amountsOk && !total.equals(credit.amount)) {
    problems.push({ row: 0, message: `各行金额合计 ${total.toFixed(2)} 与银行到账金额 ${credit.amount.toFixed(2)} 不一致` });
  }
  return { rows: valid, total, problems };
}
