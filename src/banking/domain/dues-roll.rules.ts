import Decimal from 'decimal.js';
import { AMOUNT_PATTERN } from '../../common/money/amount';
import { DuesRule, memberDues } from './dues.rules';
import { RowProblem } from './row-problems';

export const DUES_COLUMNS = {
  memberNo: ['会员编号', '编号', '工号', '会员号'],
  name: ['姓名', '会员姓名', '职工姓名'],
  wage: ['工资基数', '月工资', '工资', '缴费基数', '工资收入'],
} as const;

export interface DuesMember {
  row: number;
  memberNo: string | null;
  name: string;
  wage: Decimal;
  base: Decimal;
  dues: Decimal;
}

/**
 * A union's dues roll from its rows (after the header): one member a row, the wage a plain amount, dues by
 * the center's rule. Blank rows are skipped; a member number, when given, appears once.
 */
export function buildDuesRoll(
  rows: { row: number; cells: string[] }[],
  columns: { memberNo?: number; name: number; wage: number },
  rule: DuesRule,
): { members: DuesMember[]; total: Decimal; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const members: DuesMember[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const memberNo = columns.memberNo !== undefined ? cells[columns.memberNo]?.trim() || null : null;
    const name = cells[columns.name]?.trim() ?? '';
    const wageText = (cells[columns.wage] ?? '').replace(/[,，\s]/g, '');
    let ok = true;
    if (!name || name.length > 50) {
      problems.push({ row, column: '姓名', message: name ? '姓名不能超过 50 个字' : '缺少姓名' });
      ok = false;
    }
    if (!AMOUNT_PATTERN.test(wageText) || wageText.startsWith('-')) {
      problems.push({ row, column: '工资基数', message: `工资基数应为不小于零、最多两位小数的金额（填写的是“${cells[columns.wage] ?? ''}”）` });
      ok = false;
    }
    if (memberNo) {
      const first = seen.get(memberNo);
      if (first !== undefined) {
        problems.push({ row, column: '会员编号', message: `会员编号 ${memberNo} 与第 ${first} 行重复` });
        ok = false;
      } else seen.set(memberNo, row);
      if (memberNo.length > 40) {
        problems.push({ row, column: '会员编号', message: '会员编号不能超过 40 个字符' });
        ok = false;
      }
    }
    if (!ok) continue;
    const wage = new Decimal(wageText);
    members.push({ row, memberNo, name, wage, ...memberDues(wage, rule) });
  }
  const total = members.reduce((s, m) => s.plus(m.dues), new Decimal(0));
  return { members, total, problems };
}
