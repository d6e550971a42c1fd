import { Card, Input } from 'antd';
import { api, call, type Schemas } from '../../data/client';
import { useApi, type Loaded } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';

type Entry = Schemas['AuditRecordResponse'];
type Filters = Record<'user' | 'action' | 'from' | 'to' | 'page', string>;
const PAGE_SIZE = 50;
const DEFAULTS: Filters = { user: '', action: '', from: '', to: '', page: '1' };

/** The query the API takes from the page's filters: whole China days, from the first one's start to the last one's end. */
function queryOf(q: Filters) {
  return {
    user: q.user || undefined,
    action: q.action || undefined,
    from: q.from ? `${q.from}T00:00:00+08:00` : undefined,
    to: q.to ? `${q.to}T23:59:59.999+08:00` : undefined,
    page: Number.parseInt(q.page, 10) || 1,
    pageSize: PAGE_SIZE,
  };
}

/** 审计日志 of a union: every change, newest first, with who, when, what and the record's place in the hash chain. */
export function UnionAuditLogPage() {
  const union = useUnion();
  const [q, setQ] = useQueryState(DEFAULTS);
  const list = useApi(
    () => call(api.GET('/api/unions/{unionId}/audit-log', { params: { path: { unionId: union.id }, query: queryOf(q) } })),
    [union.id, q.user, q.action, q.from, q.to, q.page],
  );
  return <AuditLogView title="审计日志" sub={union.name} q={q} setQ={setQ} list={list} />;
}

/** 系统日志: what belongs to no union — logins, users, grants, centers. */
export function SystemAuditLogPage() {
  const [q, setQ] = useQueryState(DEFAULTS);
  const list = useApi(() => call(api.GET('/api/audit-log', { params: { query: queryOf(q) } })), [q.user, q.action, q.from, q.to, q.page]);
  return <AuditLogView title="系统日志" sub="登录、用户、授权和核算中心的操作" q={q} setQ={setQ} list={list} />;
}

function AuditLogView({
  title,
  sub,
  q,
  setQ,
  list,
}: {
  title: string;
  sub: string;
  q: Filters;
  setQ: (c: Partial<Filters>) => void;
  list: Loaded<{ items: Entry[]; total: number }>;
}) {
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  return (
    <>
      <PageHeader title={title} sub={sub} />
      <Card>
        <div role="search" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Input.Search aria-label="用户" placeholder="用户名" defaultValue={q.user} allowClear onSearch={(v) => setQ({ user: v.trim() })} style={{ width: 160 }} />
          <Input.Search aria-label="动作" placeholder="动作，如 voucher.post" defaultValue={q.action} allowClear onSearch={(v) => setQ({ action: v.trim() })} style={{ width: 220 }} />
          <Input type="date" aria-label="起始日期" value={q.from} onChange={(e) => setQ({ from: e.target.value })} style={{ width: 160 }} />
          <Input type="date" aria-label="截止日期" value={q.to} onChange={(e) => setQ({ to: e.target.value })} style={{ width: 160 }} />
        </div>
        <PagedList<Entry>
          label="审计记录"
          loaded={list}
          rowKey={(e) => e.seq}
          scrollX={900}
          empty="没有符合条件的记录"
          unit="条"
          detail={(e) => <Change entry={e} />}
          paging={paging}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
            { title: '时间', dataIndex: 'at', width: 160, render: formatDateTime },
            { title: '用户', dataIndex: 'username', width: 140 },
            { title: '动作', dataIndex: 'action', width: 200, render: (a: string) => <code>{a}</code> },
            { title: '对象', render: (_, e) => `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}` },
            { title: '哈希', dataIndex: 'hash', width: 130, render: (h: string) => <code title={h}>{h.slice(0, 10)}…</code> },
          ]}
        />
      </Card>
    </>
  );
}

/** What the record changed, as the server stored it (before → after), and where it came from. */
function Change({ entry: e }: { entry: Entry }) {
  const show = (v: unknown) => (v === null || v === undefined ? '（无）' : JSON.stringify(v, null, 2));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 12 }}>
      <div>
        <strong>变更前</strong>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{show(e.before)}</pre>
      </div>
      <div>
        <strong>变更后</strong>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{show(e.after)}</pre>
      </div>
      <div style={{ gridColumn: '1 / -1', color: 'rgba(0,0,0,.45)' }}>
        请求 {e.requestId ?? '—'} · IP {e.clientIp ?? '—'} · 上一条哈希 <code>{e.prevHash.slice(0, 16)}…</code>
      </div>
    </div>
  );
}
