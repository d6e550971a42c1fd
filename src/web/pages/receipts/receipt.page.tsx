import { Alert, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageOf } from '../../data/api-error';
import { api, call, fetchBlob, saveBlob, type Schemas } from '../../data/client';
import { uploadFile } from '../../data/upload';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { yuan } from '../../money/money';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { ReasonDialog } from '../../ui/reason-dialog';
import { FUND_TYPES, RECEIPT_STATUS } from './receipt-labels';

type Receipt = Schemas['ReceiptResponse'];
type Attachment = Schemas['ReceiptAttachmentResponse'];

/**
 * 收款单: what was recorded, its bank slips, and its voucher. Another person than the recording cashier
 * (the accountant or the director) 审核过账 it (审核 ≠ 制单, refused by the server otherwise); the cashier may
 * 作废 it while it is not posted.
 */
export function ReceiptPage() {
  const union = useUnion();
  const { receiptId = '' } = useParams();
  const loaded = useApi(() => call(api.GET('/api/unions/{unionId}/receipts/{id}', { params: { path: { unionId: union.id, id: receiptId } } })), [union.id, receiptId]);
  return <PageState loaded={loaded}>{(r) => <ReceiptView receipt={r} reload={loaded.reload} />}</PageState>;
}

function ReceiptView({ receipt: r, reload }: { receipt: Receipt; reload: () => void }) {
  const union = useUnion();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const path = { unionId: union.id, id: r.id };
  const status = RECEIPT_STATUS[r.status];
  const recorded = r.status === 'recorded';

  const act = async (name: string, run: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      await run();
      reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const upload = (f: File | undefined) =>
    f &&
    void act('upload', async () => {
      if (f.size > 10 * 1024 * 1024) throw new Error('银行回单不能超过 10 MB');
      await uploadFile(`/api/unions/${union.id}/receipts/${r.id}/attachments`, f);
      if (file.current) file.current.value = '';
    });
  const download = (a: Attachment) => void act('download', async () => saveBlob(await fetchBlob(`/api/unions/${union.id}/receipts/${r.id}/attachments/${a.id}`), a.fileName));

  return (
    <>
      <PageHeader
        title={`收款单 ${r.number}`}
        sub={union.name}
        extra={
          <Space wrap>
            {recorded && canOnUnion(me, union, 'vouchers:post') && (
              <Button type="primary" loading={busy === 'post'} onClick={() => void act('post', () => call(api.POST('/api/unions/{unionId}/receipts/{id}/post', { params: { path } })))}>
                审核过账
              </Button>
            )}
            {recorded && canOnUnion(me, union, 'receipts:record') && (
              <Button danger onClick={() => setCancelling(true)}>
                作废
              </Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {recorded && <Alert type="info" showIcon title="已登记，待会计或中心主任审核过账；登记收款的出纳不能过账自己登记的收款（审核与制单分离）。" style={{ marginBottom: 16 }} />}
      <Card>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color={status?.color}>{status?.label ?? r.status}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="金额">
            <strong>{yuan(r.amount)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="收款类型">{r.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="收款日期">{r.date}</Descriptions.Item>
          <Descriptions.Item label="付款方">{r.payer}</Descriptions.Item>
          <Descriptions.Item label="银行流水号">{r.bankReference || '—'}</Descriptions.Item>
          <Descriptions.Item label="借方（统一账户份额）">{r.shareAccount}</Descriptions.Item>
          <Descriptions.Item label="贷方科目">{r.creditAccount}</Descriptions.Item>
          <Descriptions.Item label="资金性质">{FUND_TYPES.find((f) => f.value === r.fundType)?.label ?? r.fundType ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="专项项目">{r.project || '—'}</Descriptions.Item>
          {r.memo && <Descriptions.Item label="摘要补充">{r.memo}</Descriptions.Item>}
          <Descriptions.Item label="登记">
            {r.recordedBy} {formatDateTime(r.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label="凭证">
            {r.voucher ? <Link to={`/u/${union.id}/vouchers/${r.voucher.id}`}>{r.voucher.number ?? '凭证草稿（未过账）'}</Link> : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="银行回单"
        style={{ marginTop: 16 }}
        extra={
          r.status !== 'cancelled' &&
          canOnUnion(me, union, 'receipts:record') && (
            <Button size="small" loading={busy === 'upload'} onClick={() => file.current?.click()}>
              上传回单
            </Button>
          )
        }
      >
        <input ref={file} type="file" accept="application/pdf,.ofd,image/jpeg,image/png" style={{ display: 'none' }} aria-label="选择银行回单文件" onChange={(e) => upload(e.target.files?.[0])} />
        <Table<Attachment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={r.attachments}
          scroll={{ x: 480 }}
          locale={{ emptyText: '尚未上传银行回单' }}
          columns={[
            { title: '文件', dataIndex: 'fileName', render: (n: string, a) => <a onClick={() => download(a)}>{n}</a> },
            { title: '上传人', dataIndex: 'uploadedBy', width: 120 },
            { title: '时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
          ]}
        />
      </Card>
      {cancelling && (
        <ReasonDialog
          title={`作废收款单 ${r.number}`}
          okText="作废"
          intro="作废后其凭证草稿随之删除；已过账的收款请红字冲销其凭证。"
          required="请填写作废原因"
          send={(reason) => call(api.POST('/api/unions/{unionId}/receipts/{id}/cancel', { params: { path }, body: { reason } }))}
          onClose={() => setCancelling(false)}
          onDone={() => (setCancelling(false), reload())}
        />
      )}
    </>
  );
}
