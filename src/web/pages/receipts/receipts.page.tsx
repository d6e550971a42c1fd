import { Button, Card, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { PageHeader } from '../../ui/page-header';
import { ListCard, PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';
import { RECEIPT_KINDS, RECEIPT_STATUS, type ReceiptKind } from './receipt-labels';
import { ReceiptDialog } from './receipt-dialog';

type Receipt = Schemas['ReceiptResponse'];
const PAGE_SIZE = 20;

/** 收款: the union's receipts (paged by the server, filtered by status and kind); the cashier records new ones. */
export function ReceiptsPage() {
  const union = useUnion();
  const me = useMe();
  const navigate = useNavigate();
  const [recording, setRecording] = useState(false);
  const [q, setQ] = useQueryState({ status: '', kind: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const loaded = useApi(
    () =>
      call(
        api.GET('/api/unions/{unionId}/receipts', {
          params: {
            path: { unionId: union.id },
            query: { status: (q.status || undefined) as Receipt['status'] | undefined, kind: (q.kind || undefined) as ReceiptKind | undefined, page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    [union.id, q.status, q.kind, page],
  );
  const link = (r: Receipt) => `/u/${union.id}/receipts/${r.id}`;
  const status = (r: Receipt) => <Tag color={RECEIPT_STATUS[r.status]?.color}>{RECEIPT_STATUS[r.status]?.label ?? r.status}</Tag>;

  return (
    <>
      <PageHeader
        title="收款"
        sub={`${union.name} · 出纳登记，会计或主任审核过账`}
        extra={
          canOnUnion(me, union, 'receipts:record') && (
            <Button type="primary" onClick={() => setRecording(true)}>
              登记收款
            </Button>
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
            options={Object.entries(RECEIPT_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            onChange={(v?: string) => setQ({ status: v })}
            style={{ width: 160 }}
          />
          <Select aria-label="按收款类型筛选" allowClear placeholder="全部类型" value={q.kind || undefined} options={[...RECEIPT_KINDS]} onChange={(v?: string) => setQ({ kind: v })} style={{ width: 200 }} />
        </div>
        <PagedList<Receipt>
          label="收款单"
          loaded={loaded}
          rowKey={(r) => r.id}
          empty="没有收款单"
          unit="张"
          paging={paging}
          href={link}
          scrollX={860}
          card={(r) => <ListCard title={r.payer} amount={yuan(r.amount)} sub={`${r.kindLabel} · ${r.date}`} status={status(r)} />}
          columns={[
            { title: '编号', dataIndex: 'number', width: 140, render: (n: string, r) => <Link to={link(r)}>{n}</Link> },
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '类型', dataIndex: 'kindLabel', width: 120 },
            { title: '付款方', dataIndex: 'payer', ellipsis: true },
            { title: '银行流水号', dataIndex: 'bankReference', width: 150, ellipsis: true },
            { title: '金额', dataIndex: 'amount', width: 130, align: 'right', render: (a: string) => yuan(a) },
            { title: '状态', dataIndex: 'status', width: 120, render: (_: string, r) => status(r) },
          ]}
        />
      </Card>
      {recording && <ReceiptDialog onClose={() => setRecording(false)} onDone={(r) => navigate(link(r))} />}
    </>
  );
}
