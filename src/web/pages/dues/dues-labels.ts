import Decimal from 'decimal.js';
import { PERMISSION_LABEL, ROLE_LABEL, rolesHolding, type Permission } from '../../../auth/permissions';
import type { Schemas } from '../../data/client';

type Rule = Schemas['DuesRuleResponse'];

const ROUND_TO: Record<string, string> = { fen: '分', jiao: '角', yuan: '元' };
const ROUNDING: Record<string, string> = { half_up: '四舍五入', down: '舍去' };

/**
 * The center's dues rule as a clerk reads it: "工资基数按 10 元取整，按 0.5% 计收，算到分，四舍五入". The ratio
 * becomes a percentage in decimal.js (0.005 × 100 = 0.5 exactly; a float would say 0.5000000000000001 for some).
 */
export function duesRuleText(rule: Rule): string {
  const percent = new Decimal(rule.ratio).times(100).toString();
  const unit = new Decimal(rule.baseUnit);
  const base = unit.lte(0.01) ? '工资基数不取整' : `工资基数按 ${unit.toString()} 元取整`;
  return `${base}，按 ${percent}% 计收，算到${ROUND_TO[rule.roundTo] ?? '分'}，${ROUNDING[rule.rounding] ?? '四舍五入'}`;
}

/** Why a page is read-only: the permission it takes, in the permission table's words, and who holds it. */
export function readOnlySentence(permission: Permission, doing: string): string {
  const roles = rolesHolding(permission).map((r) => ROLE_LABEL[r]);
  return `只读：${doing}须有“${PERMISSION_LABEL[permission]}”的权限（${roles.join('、')}）。`;
}
