import { Input } from 'antd';
import { todayInChina } from './format';

/** This month, "YYYY-MM", in China time. */
export function currentPeriod(): string {
  return todayInChina().slice(0, 7);
}

/** A from–to range of months, kept in the URL by the page. */
export function PeriodRange({ from, to, onChange }: { from: string; to: string; onChange: (r: { from?: string; to?: string }) => void }) {
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <Input type="month" aria-label="起始期间" value={from} onChange={(e) => e.target.value && onChange({ from: e.target.value })} style={{ width: 150 }} />
      <span aria-hidden>至</span>
      <Input type="month" aria-label="截止期间" value={to} onChange={(e) => e.target.value && onChange({ to: e.target.value })} style={{ width: 150 }} />
    </span>
  );
}
