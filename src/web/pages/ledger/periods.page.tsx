import { Alert, Button, Card, Descriptions, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatDateTime, periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/page-state';
import { ReasonDialog } from '../../ui/reason-dialog';
import { currentPeriod, PeriodRange } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';
import { CloseDialog, ClosingVouchers } from './close-dialog';
import { YearCard } from './year-card';

type Period = Schemas['PeriodResponse'];

/**
 * 结账: each month's state, drafts left, vouchers posted and the closing vouchers (期末结转, 折旧, 年终结转) the
 * last close made; close in order after the pre-close checklist, reopen (反结账, director) with a reason; the
 * year's 年度结转 below.
 */
export function PeriodsPage() {
  const union = useUnion();
  const me = useMe();
  const now = currentPeriod();
  const [q, setQ] = useQueryState({ from: union.firstPeriod, to: now });
  const periods = useApi(() => call(api.GET('/api/unions/{unionId}/periods', { params: { path: { unionId: union.id }, query: { from: q.from, to: q.to } } })), [union.id, q.from, q.to]);
  const [closing, setClosing] = useState<Period | null>(null);
  const [reopening, setReopening] = useState<Period | null>(null);
  const [done, setDone] = useState<Period | null>(null);

  return (
    <>
      <PageHeader title="结账" sub={union.name} extra={<PeriodRange from={q.from} to={q.to} onChange={setQ} />} />
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable
          onClose={() => setDone(null)}
          style={{ marginBottom: 16 }}
          title={`${periodLabel(done.period)}${done.alreadyClosed ? '此前已结账，本次未作改变' : '已结账'}`}
          description={<ClosingVouchers vouchers={done.closingVouchers ?? []} empty="本月没有需要结转的收入、支出（未生成结转凭证）。" />}
        />
      )}
      <Card>
        {periods.error && <ErrorAlert error={periods.error} onRetry={periods.reload} />}
        <Table<Period>
          rowKey="period"
          size="middle"
          loading={periods.loading}
          dataSource={periods.data ? [...periods.data].reverse() : []}
          pagination={false}
          scroll={{ x: 820 }}
          expandable={{
            rowExpandable: (p) => (p.events?.length ?? 0) > 0,
            expandedRowRender: (p) => <PeriodHistory period={p} />,
          }}
          columns={[
            { title: '期间', dataIndex: 'period', render: periodLabel },
            { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'closed' ? <Tag color="default">已结账</Tag> : <Tag color="processing">未结账</Tag>) },
            { title: '已过账凭证', dataIndex: 'posted', align: 'right' },
            { title: '草稿', dataIndex: 'drafts', align: 'right', render: (n: number) => (n ? <Tag color="warning">{n}</Tag> : 0) },
            { title: '结账', render: (_, p) => (p.closedAt ? `${p.closedBy ?? ''} ${formatDateTime(p.closedAt)}` : '') },
            {
              title: '凭证',
              render: (_, p) => <Link to={`/u/${union.id}/vouchers?period=${p.period}`}>本月凭证</Link>,
            },
            {
              title: '操作',
              render: (_, p) =>
                p.status === 'open'
                  ? canOnUnion(me, union, 'periods:close') && (
                      <Button size="small" type="primary" onClick={() => setClosing(p)}>
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
      <YearCard year={q.to.slice(0, 4)} onChanged={periods.reload} />
      {closing && (
        <CloseDialog
          period={closing}
          onClose={() => setClosing(null)}
          onDone={(p) => {
            setClosing(null);
            setDone(p);
            periods.reload();
          }}
        />
      )}
      {reopening && <ReopenDialog period={reopening} onClose={() => setReopening(null)} onDone={() => (setReopening(null), setDone(null), periods.reload())} />}
    </>
  );
}

/** Every close and reopen of the month, with the reopen's reason. */
function PeriodHistory({ period }: { period: Period }) {
  return (
    <Descriptions size="small" column={1} bordered>
      {(period.events ?? []).map((e, i) => (
        <Descriptions.Item key={i} label={`${e.action === 'close' ? '结账' : '反结账'} · ${e.actor} · ${formatDateTime(e.at)}`}>
          {e.reason ? `原因：${e.reason}` : e.action === 'close' ? '结账并生成本月的结转凭证' : ''}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function ReopenDialog({ period, onClose, onDone }: { period: Period; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const path = { unionId: union.id, period: period.period };
  return (
    <ReasonDialog
      title={`反结账 ${periodLabel(period.period)}`}
      okText="反结账"
      intro="反结账后该月可以再记账：本月的结转凭证将以红字冲销，再次结账时重新生成。须从最近结账的月份开始，原因将记入审计日志。"
      required="请填写反结账原因"
      send={(reason) => call(api.POST('/api/unions/{unionId}/periods/{period}/reopen', { params: { path }, body: { reason } }))}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
