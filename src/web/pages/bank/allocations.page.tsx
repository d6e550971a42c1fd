import { Alert, Button, Card, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, fetchBlob, saveBlob, type Schemas } from '../../data/client';
import { uploadFile } from '../../data/upload';
import { useApi } from '../../data/use-api';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { parseAmountInput } from '../../money/amount-input';
import { yuan } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';
import { ALLOCATION_STATUS } from './allocation-labels';
import { refusal, RowProblems, type RowProblem } from './row-problems';

type Batch = Schemas['AllocationBatchResponse'];
type Check = Schemas['AllocationCheckResponse'];
const PAGE_SIZE = 20;


interface Values {
  bankAccountId: string;
  creditDate: string;
  creditAmount: string;
  creditReference: string;
  payer: string;
}

/**
 * 经费分配: one bank credit from the upper union split over many unions by a file (the template, .xlsx or .csv).
 * The cashier checks the whole file first (校验: rows and total, or every problem by row; nothing saved), then
 * uploads it as a batch that another person posts in one transaction on the batch's page.
 */
export function AllocationsPage() {
  const { centerId = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const operate = canOnCenter(me, centerId, 'bank:operate');
  const [q, setQ] = useQueryState({ page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const batches = useApi(() => call(api.GET('/api/centers/{centerId}/allocations', { params: { path: { centerId }, query: { page, pageSize: PAGE_SIZE } } })), [centerId, page]);
  const link = (b: Batch) => `/c/${centerId}/allocations/${b.id}`;
  return (
    <>
      <PageHeader
        title="经费分配"
        sub="一笔到账按分配表记入各工会：整份校验通过才保存，另一人过账"
        extra={
          <Button onClick={() => void fetchBlob(`/api/centers/${centerId}/allocations/template`).then((b) => saveBlob(b, '经费分配模板.xlsx'))}>下载分配模板</Button>
        }
      />
      {operate && <UploadCard centerId={centerId} onUploaded={(b) => navigate(link(b))} />}
      <Card title="分配批次" style={{ marginTop: 16 }}>
        <PagedList<Batch>
          label="分配批次"
          loaded={batches}
          rowKey={(b) => b.id}
          scrollX={860}
          href={link}
          empty="尚无分配批次"
          unit="批"
          paging={paging}
          columns={[
            { title: '批次号', dataIndex: 'number', width: 150, render: (n: string, b) => <Link to={link(b)}>{n}</Link> },
            { title: '到账日期', width: 110, render: (_, b) => b.credit.date },
            { title: '付款单位', ellipsis: true, render: (_, b) => b.credit.payer },
            { title: '到账流水号', width: 170, ellipsis: true, render: (_, b) => b.credit.reference },
            { title: '行数', dataIndex: 'rowCount', width: 70, align: 'right' },
            { title: '金额', width: 140, align: 'right', render: (_, b) => yuan(b.credit.amount) },
            { title: '状态', dataIndex: 'status', width: 120, render: (s: string) => <Tag color={ALLOCATION_STATUS[s]?.color}>{ALLOCATION_STATUS[s]?.label ?? s}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}

function UploadCard({ centerId, onUploaded }: { centerId: string; onUploaded: (b: Batch) => void }) {
  const [form] = Form.useForm<Values>();
  const accounts = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts', { params: { path: { centerId } } })), [centerId]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'upload' | null>(null);
  const [checked, setChecked] = useState<Check | null>(null);
  const [refused, setRefused] = useState<{ message: string; rows: RowProblem[] } | null>(null);
  const defaultAccount = accounts.data?.find((a) => a.isDefault)?.id;

  const send = async (what: 'check' | 'upload') => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!file) return setRefused({ message: '请选择分配文件', rows: [] });
    setBusy(what);
    setChecked(null);
    setRefused(null);
    const fields = { ...v, creditAmount: parseAmountInput(v.creditAmount)!, creditReference: v.creditReference.trim(), payer: v.payer.trim() };
    try {
      if (what === 'check') setChecked(await uploadFile<Check>(`/api/centers/${centerId}/allocations/validate`, file, fields));
      else onUploaded(await uploadFile<Batch>(`/api/centers/${centerId}/allocations`, file, fields));
    } catch (e) {
      setRefused(refusal(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="上传分配表">
      <Form form={form} name="allocation" layout="vertical" initialValues={{ creditDate: todayInChina() }} style={{ maxWidth: 640 }}>
        {accounts.data && (
          <Form.Item label="到账的统一账户" name="bankAccountId" initialValue={defaultAccount} rules={[{ required: true, message: '请选择统一账户' }]}>
            <Select options={accounts.data.filter((a) => a.status === 'active').map((a) => ({ value: a.id, label: `${a.bankName || '统一账户'} ${a.accountNo ?? '（未登记）'}${a.isDefault ? '（默认）' : ''}` }))} />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item label="到账日期" name="creditDate" rules={[{ required: true, message: '请选择到账日期' }]} style={{ flex: '1 1 180px' }}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            label="到账金额（元）"
            name="creditAmount"
            rules={[{ required: true, message: '请填写到账金额' }, { validator: (_, v: string) => (!v || parseAmountInput(v) ? Promise.resolve() : Promise.reject(new Error('金额最多两位小数'))) }]}
            style={{ flex: '1 1 180px' }}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        </div>
        <Form.Item label="到账流水号" name="creditReference" rules={[{ required: true, whitespace: true, message: '请填写银行到账流水号' }]} extra="同一笔到账只能分配一次">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="付款单位" name="payer" rules={[{ required: true, whitespace: true, message: '请填写付款单位' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="分配文件" htmlFor="allocation-file" extra=".xlsx 或 .csv（GBK 或 UTF-8），按分配模板填写">
          <input id="allocation-file" type="file" accept=".xlsx,.csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setChecked(null), setRefused(null))} />
        </Form.Item>
      </Form>
      {refused && <RowProblems refused={refused} />}
      {checked && <Alert type="success" showIcon role="status" title={`校验通过：${checked.rows} 行，合计 ${yuan(checked.total)}，与到账金额 ${yuan(checked.creditAmount)} 相符。`} style={{ marginBottom: 16 }} />}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button loading={busy === 'check'} onClick={() => void send('check')}>
          校验
        </Button>
        <Button type="primary" loading={busy === 'upload'} onClick={() => void send('upload')}>
          上传为待过账批次
        </Button>
      </div>
    </Card>
  );
}
