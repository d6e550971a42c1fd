import { Empty } from 'antd';
import type { ReactNode } from 'react';

/** A plain list of rows for phones and queues (antd's List is deprecated in v6): one tap target per row. */
export function ItemList<T>({ items, render, empty, label }: { items: T[]; render: (item: T) => ReactNode; empty: ReactNode; label?: string }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li key={i} style={{ padding: '12px 0', borderBottom: i < items.length - 1 ? '1px solid #f0f0f0' : undefined }}>
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
