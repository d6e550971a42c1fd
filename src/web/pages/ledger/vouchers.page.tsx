import { Button, Card, Input, Select, Tag } from 'antd';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatMoney } from '../../money/money';
import { PageHeader } from '../../ui/page-header';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';
import { PrintButton } from './print-button';
import { SOURCE_LABEL, typeLabel } from './voucher-labels';

type VoucherSummary = Schemas['VoucherSummaryResponse'];
const PAGE_SIZE = 50;

/** 凭证: the union's vouchers, drafts and posted, filtered by month, status, number, account or summary text. */
export function VouchersPage() {
  const union = useUnion();
  const me = useMe();
  const [q, setQ] = useQueryState({ from: '', to: '', status: '', number: '', account: '', text: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const list = useApi(
    () =>
      call(
        api.GET('/api/unions/{unionId}/vouchers', {
          params: {
            path: { unionId: union.id },
            query: {
              from: q.from || undefined,
              to: q.to || undefined,
              status: (q.status || undefined) as 'draft' | 'posted' | undefined,
              number: q.number || undefined,
              account: q.account || undefined,
              text: q.text || undefined,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    [union.id, q.from, q.to, q.status, q.number, q.account, q.text, page],
  );

  return (
    <>
      <PageHeader
        title="凭证"
        sub={union.name}
        extra={
          <>
            {/* a month's posted vouchers behind their binding cover: one month chosen (起始 = 截止) */}
            <PrintButton
              url={`/api/unions/${union.id}/vouchers.pdf?period=${q.from}`}
              fileName={`记账凭证-${q.from}.pdf`}
              label="打印本月凭证"
              layouts
              disabled={!q.from || q.from !== q.to}
              title={!q.from || q.from !== q.to ? '请先把起始期间和截止期间选为同一个月' : undefined}
            />
            {canOnUnion(me, union, 'vouchers:prepare') && (
              <Link to={`/u/${union.id}/vouchers/new`}>
                <Button type="primary">录入凭证</Button>
              </Link>
            )}
          </>
        }
      />
      <Card>
        <div role="search" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Input type="month" aria-label="起始期间" value={q.from} onChange={(e) => setQ({ from: e.target.value })} style={{ width: 150 }} />
          <Input type="month" aria-label="截止期间" value={q.to} onChange={(e) => setQ({ to: e.target.value })} style={{ width: 150 }} />
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            value={q.status || undefined}
            onChange={(v?: string) => setQ({ status: v })}
            style={{ width: 140 }}
            options={[
              { value: 'draft', label: '草稿（待过账）' },
              { value: 'posted', label: '已过账' },
            ]}
          />
          <Input.Search aria-label="凭证号" placeholder="凭证号" defaultValue={q.number} allowClear onSearch={(v) => setQ({ number: v.trim() })} style={{ width: 150 }} />
          <Input.Search aria-label="科目编码" placeholder="科目编码" defaultValue={q.account} allowClear onSearch={(v) => setQ({ account: v.trim() })} style={{ width: 150 }} />
          <Input.Search aria-label="摘要" placeholder="摘要包含" defaultValue={q.text} allowClear onSearch={(v) => setQ({ text: v.trim() })} style={{ width: 200 }} />
        </div>
        <PagedList<VoucherSummary>
          label="凭证"
          loaded={list}
          rowKey={(v) => v.id}
          scrollX={900}
          href={(v) => `/u/${union.id}/vouchers/${v.id}`}
          empty="没有符合条件的凭证"
          unit="张"
          paging={paging}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            {
              title: '凭证字号',
              dataIndex: 'displayNumber',
              width: 150,
              render: (n: string | null, v) => <Link to={`/u/${union.id}/vouchers/${v.id}`}>{n ?? `${typeLabel(v.type)}字 草稿`}</Link>,
            },
            { title: '摘要', dataIndex: 'summary', ellipsis: true },
            { title: '金额', dataIndex: 'total', align: 'right', width: 140, render: (a: string) => formatMoney(a) },
            { title: '来源', dataIndex: 'source', width: 100, phone: false, render: (s: string) => SOURCE_LABEL[s] ?? s },
            { title: '制单', dataIndex: 'preparer', width: 100, phone: false },
            { title: '记账', dataIndex: 'postedBy', width: 100, phone: false, render: (p: string | null) => p ?? '—' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: string, v) => (
                <>
                  <Tag color={s === 'draft' ? 'default' : 'success'}>{s === 'draft' ? '草稿' : '已过账'}</Tag>
                  {v.red && <Tag color="red">红字</Tag>}
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
