import { Pagination, Table } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useState, type Key, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Loaded } from '../data/use-api';
import { ItemList } from './item-list';
import { ErrorAlert } from './page-state';
import { useMobile } from './use-mobile';

/** A column of the desktop table; `phone: false` leaves it off the phone's card (the default card only). */
export type ListColumn<T> = ColumnType<T> & { phone?: boolean };

/** The server's page of a list ({ items, total }), or a whole list the server answers at once. */
type Rows<T> = { items: T[]; total: number } | T[];

export interface ServerPaging {
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** Server paging whose page number lives in the URL (useQueryState's `page`), so a link or reload keeps it. */
export function urlPaging(pageText: string, setQ: (changes: { page?: string }) => void, pageSize: number): ServerPaging {
  return { page: Number.parseInt(pageText, 10) || 1, pageSize, onPage: (p) => setQ({ page: String(p) }) };
}

export interface PagedListProps<T> {
  /** what the rows are, for screen readers ("报销单") */
  label: string;
  /** what the server answered: a page ({ items, total }) or the whole list */
  loaded?: Loaded<Rows<T>>;
  /** or rows the page already holds (part of a larger answer), with their loading flag and, when the server
   * pages them, the total it gave */
  items?: T[];
  loading?: boolean;
  total?: number;
  rowKey: (row: T) => Key;
  columns: ListColumn<T>[];
  /** shown when there are no rows (after loading) */
  empty: string;
  /** the server pages the list: the page number lives with the caller (in the URL) */
  paging?: ServerPaging;
  /** the counting word of "共 N 张" */
  unit?: string;
  /** where a row leads: the desktop row and the phone card open it */
  href?: (row: T) => string;
  /** the phone's card; by default each column's title and value, one per line */
  card?: (row: T) => ReactNode;
  /** the table's width before it scrolls sideways inside its card (desktop only) */
  scrollX?: number;
  size?: 'small' | 'middle';
  /** the desktop table's 合计 row (the server's totals; a phone shows them above the list) */
  summary?: () => ReactNode;
  /** more about a row, opened on demand (a row's click on a desktop, 详情 on a phone) */
  detail?: (row: T) => ReactNode;
  /** a list shown whole (no server paging) pages in the browser at this size */
  pageSize?: number;
}

const rowsOf = <T,>(data: Rows<T> | undefined): { items: T[]; total: number } =>
  data === undefined ? { items: [], total: 0 } : Array.isArray(data) ? { items: data, total: data.length } : data;

/**
 * Every list of the app: an antd table on a desktop, cards on a phone (no sideways scrolling), paged by the
 * server when it pages (the page in the URL), with the loading, empty and error states. Pages give columns and,
 * when the default card (title: value lines) reads badly, their own card.
 */
export function PagedList<T extends object>(props: PagedListProps<T>) {
  const { label, loaded, rowKey, columns, empty, paging, unit = '条', href, card, detail, summary, scrollX, size = 'middle', pageSize = 50 } = props;
  const mobile = useMobile();
  const navigate = useNavigate();
  const [localPage, setLocalPage] = useState(1);
  const { items, total } = loaded ? rowsOf(loaded.data) : { items: props.items ?? [], total: props.total ?? props.items?.length ?? 0 };
  const loading = loaded ? loaded.loading : !!props.loading;
  const error = loaded?.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;

  if (mobile) {
    // a whole list pages here too: a phone should not render thousands of cards
    const pages = paging ?? { page: localPage, pageSize, onPage: setLocalPage };
    const shown = paging ? items : items.slice((pages.page - 1) * pageSize, pages.page * pageSize);
    return (
      <>
        {error}
        <ItemList
          label={label}
          items={shown}
          empty={loading ? '正在加载…' : empty}
          render={(row) => {
            const shownCard = card ? card(row) : <DefaultCard row={row} columns={columns} />;
            const body = detail ? (
              <>
                {shownCard}
                <details>
                  <summary style={{ cursor: 'pointer', color: '#1677ff' }}>详情</summary>
                  {detail(row)}
                </details>
              </>
            ) : (
              shownCard
            );
            if (!href) return body;
            // a page's own card is one link; the default card may hold the columns' links and buttons, so the
            // card itself opens the row (an <a> inside an <a> is not allowed)
            return card ? (
              <Link to={href(row)} style={{ display: 'block', color: 'inherit' }}>
                {body}
              </Link>
            ) : (
              <div onClick={() => navigate(href(row))} style={{ cursor: 'pointer' }}>
                {body}
              </div>
            );
          }}
        />
        {total > pages.pageSize && <Pagination simple current={pages.page} pageSize={pages.pageSize} total={total} onChange={pages.onPage} style={{ marginTop: 12 }} />}
      </>
    );
  }

  return (
    <>
      {error}
      <Table<T>
        rowKey={rowKey}
        size={size}
        loading={loading}
        dataSource={items}
        summary={summary}
        scroll={scrollX ? { x: scrollX } : undefined}
        expandable={detail ? { expandedRowRender: (row) => detail(row), expandRowByClick: true } : undefined}
        onRow={href ? (row) => ({ onClick: () => navigate(href(row)), style: { cursor: 'pointer' } }) : undefined}
        locale={{ emptyText: empty }}
        pagination={
          paging
            ? { current: paging.page, pageSize: paging.pageSize, total, showSizeChanger: false, showTotal: (t) => `共 ${t} ${unit}`, onChange: paging.onPage }
            : { pageSize, hideOnSinglePage: true, showSizeChanger: false, showTotal: (t) => `共 ${t} ${unit}` }
        }
        columns={columns.map(({ phone: _phone, ...c }) => c)}
      />
    </>
  );
}

/** The usual phone card: what and how much on the first line (the amount never wraps), then its number, date and status. */
export function ListCard({ title, amount, sub, status }: { title: ReactNode; amount: ReactNode; sub: ReactNode; status: ReactNode }) {
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <strong style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</strong>
        <strong style={{ whiteSpace: 'nowrap' }}>{amount}</strong>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, color: 'rgba(0,0,0,.45)' }}>
        <span>{sub}</span>
        {status}
      </div>
    </>
  );
}

function valueOf<T>(row: T, column: ListColumn<T>): unknown {
  const index = column.dataIndex;
  if (typeof index === 'string' || typeof index === 'number') return (row as Record<string | number, unknown>)[index];
  return undefined;
}

/** Each column as "title   value" on its own line, values right-aligned and wrapped, never wider than the phone. */
function DefaultCard<T>({ row, columns }: { row: T; columns: ListColumn<T>[] }) {
  return (
    <dl style={{ margin: 0 }}>
      {columns
        .filter((c) => c.phone !== false && c.title)
        .map((c, i) => {
          const value = valueOf(row, c);
          const shown = c.render ? (c.render(value, row, i) as ReactNode) : (value as ReactNode);
          return (
            <div key={String(c.key ?? c.dataIndex ?? i)} style={{ display: 'flex', justifyContent: 'space-between', gap: 12, lineHeight: 1.8 }}>
              <dt style={{ color: 'rgba(0,0,0,.45)', whiteSpace: 'nowrap' }}>{c.title as ReactNode}</dt>
              <dd style={{ margin: 0, minWidth: 0, textAlign: 'right', overflowWrap: 'anywhere' }}>{shown ?? '—'}</dd>
            </div>
          );
        })}
    </dl>
  );
}
