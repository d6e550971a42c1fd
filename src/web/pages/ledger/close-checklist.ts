/**
 * The pre-close checklist (结账前检查), pure: what the server would refuse shown before the button. The server
 * decides again when the accountant closes; this only says what to do first.
 */
export interface CheckItem {
  key: 'ended' | 'earlier' | 'drafts' | 'claims';
  label: string;
  state: 'ok' | 'fail' | 'warn' | 'pending';
  hint?: string;
}

export interface ChecklistInput {
  /** the month to close, YYYY-MM */
  period: string;
  /** this month in China time, YYYY-MM */
  today: string;
  /** the union's months from its first through `period` (undefined while loading) */
  earlier: { period: string; status: string }[] | undefined;
  drafts: number;
  /** claims approved and not yet posted (approved, reviewed, checked, paid); undefined while loading */
  liveClaims: number | undefined;
}

const label = (p: string) => `${p.slice(0, 4)}年${Number.parseInt(p.slice(5), 10)}月`;

export function checklist(input: ChecklistInput): CheckItem[] {
  const { period, today, earlier, drafts, liveClaims } = input;
  const items: CheckItem[] = [];
  // a month can be closed only once it has ended (YYYY-MM strings compare as months)
  items.push(
    period < today
      ? { key: 'ended', label: `${label(period)}已结束`, state: 'ok' }
      : { key: 'ended', label: `${label(period)}尚未结束`, state: 'fail', hint: '月份结束后（次月 1 日起，北京时间）才能结账。' },
  );
  if (!earlier) items.push({ key: 'earlier', label: '以前月份的结账情况', state: 'pending' });
  else {
    const open = earlier.filter((p) => p.period < period && p.status !== 'closed').map((p) => p.period).sort();
    items.push(
      open.length === 0
        ? { key: 'earlier', label: '以前月份均已结账', state: 'ok' }
        : { key: 'earlier', label: `${label(open[0])}尚未结账`, state: 'fail', hint: '须按月份顺序结账：请先结以前的月份。' },
    );
  }
  items.push(
    drafts === 0
      ? { key: 'drafts', label: '本月没有未过账的凭证', state: 'ok' }
      : { key: 'drafts', label: `本月还有 ${drafts} 张草稿凭证`, state: 'fail', hint: '请审核过账或删除草稿后再结账。' },
  );
  if (liveClaims === undefined) items.push({ key: 'claims', label: '已批准未记账的报销单', state: 'pending' });
  else
    items.push(
      liveClaims === 0
        ? { key: 'claims', label: '没有已批准未记账的报销单', state: 'ok' }
        : {
            key: 'claims',
            label: `有 ${liveClaims} 张报销单已批准但尚未付款记账`,
            state: 'warn',
            hint: '属于本月的须先付款、记账，否则结账会被拒绝；属于以后月份的不影响。',
          },
    );
  return items;
}
