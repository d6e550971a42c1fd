import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useAction } from '../../data/use-action';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList } from '../../ui/paged-list';
import { PageState } from '../../ui/page-state';
import { ReasonDialog } from '../../ui/reason-dialog';
import { ALLOCATION_STATUS } from './allocation-labels';

type Detail = Schemas['AllocationDetailResponse'];
type Row = Schemas['AllocationRowResponse'];

/** 分配批次: its credit, file and rows; 过账 by another person than the uploader (all rows in one transaction), or 作废. */
export function AllocationPage() {
  const { centerId = '', allocationId = '' } = useParams();
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/allocations/{id}', { params: { path: { centerId, id: allocationId } } })), [centerId, allocationId]);
  return <PageState loaded={loaded}>{(b) => <BatchView centerId={centerId} batch={b} reload={loaded.reload} />}</PageState>;
}

function BatchView({ centerId, batch: b, reload }: { centerId: string; batch: Detail; reload: () => void }) {
  const me = useMe();
  const { busy, error, run } = useAction();
  const [cancelling, setCancelling] = useState(false);
  const open = b.status === 'validated';
  const post = async () => {
    if (await run(() => call(api.POST('/api/centers/{centerId}/allocations/{id}/post', { params: { path: { centerId, id: b.id } } })))) reload();
  };
  return (
    <>
      <PageHeader
        title={`分配批次 ${b.number}`}
        sub={`${b.credit.payer} · ${b.credit.date}`}
        extra={
          <Space wrap>
            {open && canOnCenter(me, centerId, 'vouchers:post') && (
              <Button type="primary" loading={busy} onClick={() => void post()}>
                过账
              </Button>
            )}
            {open && canOnCenter(me, centerId, 'bank:operate') && (
              <Button danger onClick={() => setCancelling(true)}>
                作废
              </Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {open && <Alert type="info" showIcon title="已校验待过账：过账时逐行生成各工会的收款单与收款凭证，全部过账或全部不过账；上传人不能过账。" style={{ marginBottom: 16 }} />}
      <Card>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="状态">
            <Tag color={ALLOCATION_STATUS[b.status]?.color}>{ALLOCATION_STATUS[b.status]?.label ?? b.status}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="到账金额">
            <strong>{yuan(b.credit.amount)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="到账流水号">{b.credit.reference}</Descriptions.Item>
          <Descriptions.Item label="文件">
            {b.file.name}（{b.rowCount} 行）
          </Descriptions.Item>
          <Descriptions.Item label="上传">
            {b.uploadedBy} {formatDateTime(b.uploadedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="过账">{b.postedBy ? `${b.postedBy} ${formatDateTime(b.postedAt)}` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="分配明细" style={{ marginTop: 16 }}>
        <PagedList<Row>
          label="分配明细"
          rowKey={(r) => r.row}
          size="small"
          items={b.rows}
          scrollX={760}
          unit="行"
          empty="没有分配明细"
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '工会', key: 'union', render: (_, r) => `${r.unionName} ${r.unionCode}` },
            { title: '类型', dataIndex: 'kind', width: 100, render: (k: string) => (k === 'subsidy' ? '上级补助' : '拨缴经费') },
            { title: '资金性质', key: 'fund', width: 140, render: (_, r) => (r.fundType === 'restricted' ? `专项 ${r.project ?? ''}` : '非专项') },
            { title: '金额', dataIndex: 'amount', width: 130, align: 'right', render: (a: string) => yuan(a) },
            { title: '备注', dataIndex: 'memo', ellipsis: true },
          ]}
        />
      </Card>
      {cancelling && (
        <ReasonDialog
          title={`作废分配批次 ${b.number}`}
          okText="作废"
          intro="作废后该批次不能再过账，原因记入审计日志；到账可重新上传分配表。"
          required="请填写作废原因"
          send={(reason) => call(api.POST('/api/centers/{centerId}/allocations/{id}/cancel', { params: { path: { centerId, id: b.id } }, body: { reason } }))}
          onClose={() => setCancelling(false)}
          onDone={() => (setCancelling(false), reload())}
        />
      )}
    </>
  );
}
