import { Alert, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canAnywhere } from '../../app/access';
import { useMe } from '../../app/use-session';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { ErrorAlert } from '../../ui/page-state';
import { currentPeriod } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';

type Union = Schemas['UnionResponse'];
type Center = Schemas['CenterResponse'];
const PAGE_SIZE = 50;

export const UNION_STATUS: Record<string, { label: string; color: string }> = {
  active: { label: '正常', color: 'success' },
  suspended: { label: '暂停', color: 'warning' },
  withdrawn: { label: '已退出', color: 'default' },
};

/** 中心与工会: the centers, and their unions (thousands: searched and paged by the server); new ones added here. */
export function UnionsAdminPage() {
  const me = useMe();
  const centers = useApi(() => call(api.GET('/api/centers')), []);
  const [q, setQ] = useQueryState({ centerId: '', status: '', q: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const unions = useApi(
    () =>
      call(
        api.GET('/api/unions', {
          params: { query: { centerId: q.centerId || undefined, status: (q.status || undefined) as Union['status'] | undefined, q: q.q || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
    [q.centerId, q.status, q.q, page],
  );
  const [dialog, setDialog] = useState<'center' | 'union' | null>(null);
  const centerName = (id: string) => centers.data?.find((c) => c.id === id)?.name ?? '';

  return (
    <>
      <PageHeader
        title="中心与工会"
        extra={
          <>
            {canAnywhere(me, 'centers:manage') && <Button onClick={() => setDialog('center')}>新建核算中心</Button>}
            {canAnywhere(me, 'unions:manage') && (
              <Button type="primary" onClick={() => setDialog('union')}>
                新建工会
              </Button>
            )}
          </>
        }
      />
      <Card title="核算中心">
        {centers.error && <ErrorAlert error={centers.error} onRetry={centers.reload} />}
        <Table<Center>
          rowKey="id"
          size="small"
          loading={centers.loading}
          dataSource={centers.data}
          pagination={false}
          locale={{ emptyText: '尚无核算中心' }}
          columns={[
            { title: '编码', dataIndex: 'code', width: 160 },
            { title: '名称', dataIndex: 'name' },
            { title: '创建于', dataIndex: 'createdAt', width: 180, render: formatDateTime },
          ]}
        />
      </Card>
      <Card title="工会" style={{ marginTop: 16 }}>
        <div role="search" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select
            aria-label="按核算中心筛选"
            allowClear
            placeholder="全部中心"
            value={q.centerId || undefined}
            onChange={(v?: string) => setQ({ centerId: v })}
            style={{ width: 260 }}
            options={(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            value={q.status || undefined}
            onChange={(v?: string) => setQ({ status: v })}
            style={{ width: 120 }}
            options={Object.entries(UNION_STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
          <Input.Search aria-label="查找工会" placeholder="名称或编码" defaultValue={q.q} allowClear onSearch={(v) => setQ({ q: v.trim() })} style={{ width: 240 }} />
        </div>
        <PagedList<Union>
          label="工会"
          loaded={unions}
          rowKey={(u) => u.id}
          scrollX={800}
          empty="没有符合条件的工会"
          unit="个"
          paging={paging}
          columns={[
            { title: '编码', dataIndex: 'code', width: 200 },
            { title: '名称', dataIndex: 'name', render: (n: string, u) => <Link to={`/u/${u.id}`}>{n}</Link> },
            { title: '核算中心', dataIndex: 'centerId', render: centerName },
            { title: '启用期间', dataIndex: 'firstPeriod', width: 100 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag color={UNION_STATUS[s]?.color}>{UNION_STATUS[s]?.label ?? s}</Tag> },
          ]}
        />
      </Card>
      {dialog === 'center' && <CenterDialog onClose={() => setDialog(null)} onDone={() => (setDialog(null), centers.reload())} />}
      {dialog === 'union' && <UnionDialog centers={centers.data ?? []} onClose={() => setDialog(null)} onDone={() => (setDialog(null), unions.reload())} />}
    </>
  );
}

function useSubmit<V>(form: ReturnType<typeof Form.useForm<V>>[0], send: (v: V) => Promise<unknown>, onDone: () => void) {
  const { busy, error, run } = useAction();
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => send(v))) onDone();
  };
  return { error, busy, submit };
}

function CenterDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ code: string; name: string }>();
  const { error, busy, submit } = useSubmit(form, (v) => call(api.POST('/api/centers', { body: { code: v.code.trim(), name: v.name.trim() } })), onDone);
  return (
    <Modal open title="新建核算中心" okText="创建" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={onClose}>
      <Form form={form} layout="vertical">
        <Form.Item name="code" label="中心编码" rules={[{ required: true, message: '请填写中心编码' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label="中心名称" rules={[{ required: true, message: '请填写中心名称' }]}>
          <Input />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

interface UnionForm {
  centerId: string;
  code: string;
  name: string;
  chartTemplate: 'grassroots' | 'county';
  firstPeriod: string;
  voucherNumbering: 'general' | 'typed';
}

function UnionDialog({ centers, onClose, onDone }: { centers: Center[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<UnionForm>();
  const { error, busy, submit } = useSubmit(form, (v) => call(api.POST('/api/unions', { body: { ...v, code: v.code.trim(), name: v.name.trim() } })), onDone);
  return (
    <Modal open title="新建工会" okText="创建" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ centerId: centers.length === 1 ? centers[0].id : undefined, chartTemplate: 'grassroots', firstPeriod: currentPeriod(), voucherNumbering: 'general' }}
      >
        <Form.Item name="centerId" label="核算中心" rules={[{ required: true, message: '请选择核算中心' }]}>
          <Select options={centers.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="code" label="工会编码" extra="统一社会信用代码或组织机构代码，在中心内唯一" rules={[{ required: true, message: '请填写工会编码' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label="工会名称" rules={[{ required: true, message: '请填写工会名称' }]}>
          <Input placeholder="某某有限公司工会委员会" />
        </Form.Item>
        <Form.Item name="chartTemplate" label="科目表">
          <Select
            options={[
              { value: 'grassroots', label: '基层工会会计科目' },
              { value: 'county', label: '县级以上工会会计科目' },
            ]}
          />
        </Form.Item>
        <Form.Item name="firstPeriod" label="启用期间" rules={[{ required: true, message: '请选择启用期间' }]}>
          <Input type="month" />
        </Form.Item>
        <Form.Item name="voucherNumbering" label="凭证编号方式">
          <Select
            options={[
              { value: 'general', label: '统一编号（记字）' },
              { value: 'typed', label: '分类编号（收、付、转）' },
            ]}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
