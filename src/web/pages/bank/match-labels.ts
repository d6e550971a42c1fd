import type { Schemas } from '../../data/client';

type Match = Schemas['MatchResponse'];

/**
 * How each match came about, as a cashier says it. Typed over the API's enum, so a new rule on the server
 * fails the web typecheck until it has a label here; a rule the app has never heard of reads 其他规则, never a
 * Latin code.
 */
export const MATCH_RULE: Record<Match['rule'], string> = {
  reference: '流水号相同',
  amount_date: '金额相同、同日',
  amount_window: '金额相同、日期相近',
  one_to_many: '一笔对多笔',
  many_to_one: '多笔对一笔',
  // two shares of the pooled account: the money never left the bank, so no statement line takes part
  transfer: '内部划转（份额之间）',
  transfer_window: '疑似内部划转（金额相同、日期相近，待确认）',
  manual: '手工勾对',
};

export const MATCH_CONFIDENCE: Record<Match['confidence'], { label: string; color: string }> = {
  high: { label: '把握高', color: 'success' },
  medium: { label: '把握中', color: 'processing' },
  low: { label: '把握低', color: 'warning' },
};

export const matchRuleLabel = (rule: string): string => (MATCH_RULE as Record<string, string>)[rule] ?? '其他规则';

export const matchConfidence = (confidence: string): { label: string; color: string } =>
  (MATCH_CONFIDENCE as Record<string, { label: string; color: string }>)[confidence] ?? { label: '把握未知', color: 'default' };
