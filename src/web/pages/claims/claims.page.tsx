import { Button, Card, Input, Select, Tag } from 'antd';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { PageHeader } from '../../ui/page-header';
import { ListCard, PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';
import { kindLabel, statusColor, statusOptions } from './claim-labels';

type Claim = Schemas['ClaimSummaryResponse'];
const PAGE_SIZE = 20;

/** 报销单: the union's claims, filtered by status or text, paged by the server. */
export function ClaimsPage() {
  const union = useUnion();
  const me = useMe();
  const [q, setQ] = useQueryState({ status: '', q: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const loaded = useApi(
    () =>
      call(
        api.GET('/api/unions/{unionId}/claims', {
          params: { path: { unionId: union.id }, query: { status: (q.status || undefined) as Claim['status'] | undefined, q: q.q || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
    [union.id, q.status, q.q, page],
  );
  const link = (c: Claim) => `/u/${union.id}/claims/${c.id}`;

  return (
    <>
      <PageHeader
        title="报销单"
        sub={union.name}
        extra={
          canOnUnion(me, union, 'claims:submit') && (
            <Link to={`/u/${union.id}/claims/new`}>
              <Button type="primary">新建报销</Button>
            </Link>
          )
        }
      />
      <Card>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            value={q.status || undefined}
            options={statusOptions}
            onChange={(v?: string) => setQ({ status: v })}
            style={{ width: 160 }}
          />
          <Input.Search aria-label="查找报销单" placeholder="编号、事由或收款人" defaultValue={q.q} allowClear onSearch={(v) => setQ({ q: v.trim() })} style={{ width: 260, maxWidth: '100%' }} />
        </div>
        <PagedList<Claim>
          label="报销单"
          loaded={loaded}
          rowKey={(c) => c.id}
          empty="没有报销单"
          unit="张"
          paging={paging}
          href={link}
          card={(c) => (
            <ListCard
              title={c.purpose}
              amount={yuan(c.amount)}
              sub={`${c.number} · ${c.eventDate}`}
              status={
                <Tag color={statusColor(c.status)} style={{ marginInlineEnd: 0 }}>
                  {c.statusLabel}
                </Tag>
              }
            />
          )}
          columns={[
            { title: '编号', dataIndex: 'number', width: 130, render: (n: string, c) => <Link to={link(c)}>{n}</Link> },
            { title: '事由', dataIndex: 'purpose', ellipsis: true },
            { title: '类别', dataIndex: 'kind', width: 120, render: kindLabel },
            { title: '收款人', dataIndex: 'payee', width: 160, ellipsis: true },
            { title: '发生日期', dataIndex: 'eventDate', width: 110 },
            { title: '金额', dataIndex: 'amount', width: 130, align: 'right', render: (a: string) => yuan(a) },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: string, c) => <Tag color={statusColor(s)}>{c.statusLabel}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}
