import type { ReactNode } from 'react';

/** A page's title (the one h1) with its actions beside it, wrapping under it on a phone. */
export function PageHeader({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
      <div style={{ flex: '1 1 240px', minWidth: 0 }}>
        <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600, lineHeight: 1.4 }}>{title}</h1>
        {sub && <div style={{ color: 'rgba(0,0,0,.45)' }}>{sub}</div>}
      </div>
      {extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>}
    </div>
  );
}
