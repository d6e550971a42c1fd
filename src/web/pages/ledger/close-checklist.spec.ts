import { checklist } from './close-checklist';

const months = (statuses: Record<string, string>) => Object.entries(statuses).map(([period, status]) => ({ period, status }));

describe('the pre-close checklist', () => {
  const base = { period: '2026-03', today: '2026-04', earlier: months({ '2026-01': 'closed', '2026-02': 'closed', '2026-03': 'open' }), drafts: 0, liveClaims: 0 };

  it('passes a month that has ended, with earlier months closed, no drafts and no open claims', () => {
    expect(checklist(base).map((i) => i.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('refuses the current month (it has not ended: its last day is not enough)', () => {
    const [ended] = checklist({ ...base, today: '2026-03' });
    expect(ended).toMatchObject({ key: 'ended', state: 'fail' });
  });

  it('names the first earlier month still open', () => {
    const items = checklist({ ...base, earlier: months({ '2026-01': 'open', '2026-02': 'open', '2026-03': 'open' }) });
    expect(items.find((i) => i.key === 'earlier')).toMatchObject({ state: 'fail', label: '2026年1月尚未结账' });
  });

  it('refuses drafts and only warns about claims (the server decides by month)', () => {
    const items = checklist({ ...base, drafts: 2, liveClaims: 3 });
    expect(items.find((i) => i.key === 'drafts')).toMatchObject({ state: 'fail', label: '本月还有 2 张草稿凭证' });
    expect(items.find((i) => i.key === 'claims')).toMatchObject({ state: 'warn' });
  });

  it('shows what is still loading as pending, not as passed', () => {
    const items = checklist({ ...base, earlier: undefined, liveClaims: undefined });
    expect(items.filter((i) => i.state === 'pending').map((i) => i.key)).toEqual(['earlier', 'claims']);
  });
});
