import { Alert, Button, Card, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatDateTime, periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/page-state';
import { currentPeriod, PeriodRange } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';

type Period = Schemas['PeriodResponse'];

/** 结账: each month's state, drafts left and vouchers posted; close in order, reopen (反结账) with a reason. */
export function PeriodsPage() {
  const union = useUnion();
  const me = useMe();
  const now = currentPeriod();
  const [q, setQ] = useQueryState({ from: union.firstPeriod, to: now });
  const periods = useApi(() => call(api.GET('/api/unions/{unionId}/periods', { params: { path: { unionId: union.id }, query: { from: q.from, to: q.to } } })), [union.id, q.from, q.to]);
  const [reopening, setReopening] = useState<Period | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const close = async (p: Period) => {
    setBusy(p.period);
    setError(null);
    try {
      await call(api.POST('/api/unions/{unionId}/periods/{period}/close', { params: { path: { unionId: union.id, period: p.period } }, body: {} }));
      periods.reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title="结账" sub={union.name} extra={<PeriodRange from={q.from} to={q.to} onChange={setQ} />} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card>
        {periods.error && <ErrorAlert error={periods.error} onRetry={periods.reload} />}
        <Table<Period>
          rowKey="period"
          size="middle"
          loading={periods.loading}
          dataSource={periods.data ? [...periods.data].reverse() : []}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            { title: '期间', dataIndex: 'period', render: periodLabel },
            { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'closed' ? <Tag color="default">已结账</Tag> : <Tag color="processing">未结账</Tag>) },
            { title: '已过账凭证', dataIndex: 'posted', align: 'right' },
            { title: '草稿', dataIndex: 'drafts', align: 'right', render: (n: number) => (n ? <Tag color="warning">{n}</Tag> : 0) },
            { title: '结账', render: (_, p) => (p.closedAt ? `${p.closedBy ?? ''} ${formatDateTime(p.closedAt)}` : '') },
            {
              title: '操作',
              render: (_, p) =>
                p.status === 'open'
                  ? canOnUnion(me, union, 'periods:close') && (
                      <Button size="small" loading={busy === p.period} onClick={() => void close(p)}>
                        结账
                      </Button>
                    )
                  : canOnUnion(me, union, 'periods:reopen') && (
                      <Button size="small" danger onClick={() => setReopening(p)}>
                        反结账
                      </Button>
                    ),
            },
          ]}
        />
      </Card>
      {reopening && <ReopenDialog period={reopening} onClose={() => setReopening(null)} onDone={() => (setReopening(null), periods.reload())} />}
    </>
  );
}

function ReopenDialog({ period, onClose, onDone }: { period: Period; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [reason, setReason] = useState('');
  const { busy, error, refuse, run } = useAction();
  const reopen = async () => {
    if (!reason.trim()) return refuse('请填写反结账原因');
    const path = { unionId: union.id, period: period.period };
    if (await run(() => call(api.POST('/api/unions/{unionId}/periods/{period}/reopen', { params: { path }, body: { reason: reason.trim() } })))) onDone();
  };
  return (
    <Modal open title={`反结账 ${periodLabel(period.period)}`} okText="反结账" okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onOk={() => void reopen()} onCancel={onClose}>
      <p>反结账后该月可以再记账；须从最近结账的月份开始，原因将记入审计日志。</p>
      <label>
        原因
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
