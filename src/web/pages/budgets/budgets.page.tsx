import { Alert, Button, Card, Descriptions, Input, List, Modal, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatMoney } from '../../money/money';
import { formatDateTime, periodLabel, todayInChina } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, PageState } from '../../ui/page-state';
import { useMobile } from '../../ui/use-mobile';
import { useQueryState } from '../../ui/use-query-state';
import { BudgetEditor } from './budget-editor';
import { overBudget, percentForBar } from './budget-lines';

type Header = Schemas['BudgetHeaderResponse'];
type Budget = Schemas['BudgetResponse'];
type ExecLine = Schemas['ExecutionLineResponse'];

const STATUS: Record<Header['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'processing' },
  approved: { label: '现行（已批准）', color: 'success' },
  superseded: { label: '已被调整取代', color: 'default' },
  discarded: { label: '已作废', color: 'default' },
};

/**
 * 预算: a union's annual budget — its versions (原预算, then each 预算调整), approval with the committee's and
 * the 经审会's dates (the approved version is never edited: a change is an adjustment), and its execution per
 * line and month: budget, actual, reserved (claims approved, not yet paid), remaining and % used. On a phone
 * (the chair) the execution is a list of cards.
 */
export function BudgetsPage() {
  const union = useUnion();
  const me = useMe();
  const [q, setQ] = useQueryState({ year: todayInChina().slice(0, 4) });
  const year = Number.parseInt(q.year, 10);
  const versions = useApi(() => call(api.GET('/api/unions/{unionId}/budgets', { params: { path: { unionId: union.id }, query: { year: q.year } } })), [union.id, q.year]);
  const execution = useApi(() => call(api.GET('/api/unions/{unionId}/budget-execution/{year}', { params: { path: { unionId: union.id, year: q.year } } })), [union.id, q.year]);
  const [editing, setEditing] = useState<{ mode: 'create' | 'edit' | 'adjust'; from?: Budget } | null>(null);
  const [approving, setApproving] = useState<Header | null>(null);
  const { error, run } = useAction();
  const manage = canOnUnion(me, union, 'budgets:manage');
  const approve = canOnUnion(me, union, 'budgets:approve');
  const list = versions.data ?? [];
  const draft = list.find((v) => v.status === 'draft');
  const current = list.find((v) => v.status === 'approved');
  const reload = () => {
    versions.reload();
    execution.reload();
  };
  const load = (id: string) => call(api.GET('/api/unions/{unionId}/budgets/{id}', { params: { path: { unionId: union.id, id } } }));
  const discard = (v: Header) => run(async () => (await call(api.POST('/api/unions/{unionId}/budgets/{id}/discard', { params: { path: { unionId: union.id, id: v.id } } })), reload()));

  return (
    <>
      <PageHeader
        title="预算"
        sub={union.name}
        extra={
          <Space wrap>
            <Input type="number" aria-label="预算年度" min={2000} max={2100} value={q.year} onChange={(e) => /^\d{4}$/.test(e.target.value) && setQ({ year: e.target.value })} style={{ width: 110 }} />
            {manage && !draft && !current && versions.data && (
              <Button type="primary" onClick={() => setEditing({ mode: 'create' })}>
                编制预算
              </Button>
            )}
            {manage && !draft && current && (
              <Button onClick={() => void run(async () => setEditing({ mode: 'adjust', from: await load(current.id) }))}>预算调整</Button>
            )}
          </Space>
        }
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card title="预算版本" style={{ marginBottom: 16 }}>
        {versions.error && <ErrorAlert error={versions.error} onRetry={versions.reload} />}
        <Table<Header>
          rowKey="id"
          size="small"
          loading={versions.loading}
          dataSource={list}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: `${q.year} 年尚未编制预算` }}
          columns={[
            { title: '版本', dataIndex: 'version', render: (n: number, v) => `第 ${n} 版（${v.kind === 'original' ? '原预算' : '调整'}）` },
            { title: '状态', dataIndex: 'status', render: (s: Header['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
            { title: '调整原因', dataIndex: 'reason' },
            { title: '编制', render: (_, v) => `${v.createdBy} ${formatDateTime(v.createdAt)}` },
            { title: '批准', render: (_, v) => (v.approvedAt ? `${v.approvedBy ?? ''} ${formatDateTime(v.approvedAt)}` : '') },
            { title: '委员会审议', dataIndex: 'committeeDate' },
            { title: '经审会审查', dataIndex: 'reviewCommitteeDate' },
            {
              title: '操作',
              render: (_, v) =>
                v.status === 'draft' && (
                  <Space wrap>
                    {manage && (
                      <Button size="small" onClick={() => void run(async () => setEditing({ mode: 'edit', from: await load(v.id) }))}>
                        修改
                      </Button>
                    )}
                    {approve && (
                      <Button size="small" type="primary" onClick={() => setApproving(v)}>
                        批准
                      </Button>
                    )}
                    {manage && (
                      <Button size="small" danger onClick={() => void discard(v)}>
                        作废
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card title="预算执行情况">
        <PageState loaded={execution}>{(e) => <Execution execution={e} />}</PageState>
      </Card>
      {editing && (
        <BudgetEditor
          year={year}
          mode={editing.mode}
          from={editing.from}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
      {approving && <ApproveDialog budget={approving} onClose={() => setApproving(null)} onDone={() => (setApproving(null), reload())} />}
    </>
  );
}

function Execution({ execution: e }: { execution: Schemas['BudgetExecutionResponse'] }) {
  const mobile = useMobile();
  const head = (
    <p style={{ marginTop: 0 }}>
      {e.budget ? `现行预算：第 ${e.budget.version} 版${e.budget.committeeDate ? `（委员会 ${e.budget.committeeDate} 审议）` : ''}` : '尚无已批准的预算：实际数照列，预算数为 0。'} 截至 {periodLabel(e.through)}。
    </p>
  );
  if (mobile) {
    return (
      <>
        {head}
        <List
          dataSource={e.lines}
          renderItem={(l) => (
            <List.Item>
              <div style={{ width: '100%' }} aria-label={`${l.account} ${l.accountName}`}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {l.account} {l.accountName}
                    {l.project ? ` · ${l.project}` : ''}
                  </strong>
                  <Tag color={l.kind === 'income' ? 'blue' : 'orange'}>{l.kind === 'income' ? '收入' : '支出'}</Tag>
                </div>
                <Progress percent={percentForBar(l.percentUsed)} status={overBudget(l.percentUsed) ? 'exception' : 'normal'} format={() => (l.percentUsed === null ? '无预算' : `${l.percentUsed}%`)} />
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label="预算">{formatMoney(l.budget)}</Descriptions.Item>
                  <Descriptions.Item label="实际">{formatMoney(l.actual)}</Descriptions.Item>
                  <Descriptions.Item label="待支付">{formatMoney(l.reserved)}</Descriptions.Item>
                  <Descriptions.Item label="结余">{formatMoney(l.remaining)}</Descriptions.Item>
                </Descriptions>
              </div>
            </List.Item>
          )}
        />
      </>
    );
  }
  return (
    <>
      {head}
      <Table<ExecLine>
        rowKey={(l) => `${l.account}-${l.project ?? ''}`}
        size="small"
        pagination={false}
        dataSource={e.lines}
        scroll={{ x: 980 }}
        expandable={{
          expandedRowRender: (l) => (
            <Descriptions size="small" column={{ xs: 2, md: 6 }} bordered title="各月实际数">
              {l.months.map((m, i) => (
                <Descriptions.Item key={i} label={`${i + 1}月`}>
                  {formatMoney(m)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
        columns={[
          { title: '科目', render: (_, l) => `${l.account} ${l.accountName}` },
          { title: '项目', dataIndex: 'project' },
          { title: '类别', dataIndex: 'kind', render: (k: string) => (k === 'income' ? '收入' : '支出') },
          { title: '预算数', dataIndex: 'budget', align: 'right', render: formatMoney },
          { title: '实际数', dataIndex: 'actual', align: 'right', render: formatMoney },
          { title: '已审批待支付', dataIndex: 'reserved', align: 'right', render: formatMoney },
          { title: '预算结余', dataIndex: 'remaining', align: 'right', render: (v: string) => <span style={{ color: v.startsWith('-') ? '#cf1322' : undefined }}>{formatMoney(v)}</span> },
          {
            title: '执行率',
            dataIndex: 'percentUsed',
            width: 160,
            render: (p: string | null) => (p === null ? '无预算' : <Progress size="small" percent={percentForBar(p)} status={overBudget(p) ? 'exception' : 'normal'} format={() => `${p}%`} />),
          },
        ]}
      />
    </>
  );
}

function ApproveDialog({ budget, onClose, onDone }: { budget: Header; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [committeeDate, setCommitteeDate] = useState('');
  const [reviewCommitteeDate, setReviewCommitteeDate] = useState('');
  const { busy, error, refuse, run } = useAction();
  const approve = async () => {
    if (!committeeDate) return refuse('请填写工会委员会审议日期');
    const body = { committeeDate, ...(reviewCommitteeDate ? { reviewCommitteeDate } : {}) };
    if (await run(() => call(api.POST('/api/unions/{unionId}/budgets/{id}/approve', { params: { path: { unionId: union.id, id: budget.id } }, body })))) onDone();
  };
  return (
    <Modal open title={`批准 ${budget.year} 年预算（第 ${budget.version} 版）`} okText="批准" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void approve()} onCancel={onClose}>
      <p>批准后本版预算即为现行预算，不能再修改；以后的变动须通过预算调整。</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          工会委员会审议日期
          <Input type="date" value={committeeDate} onChange={(e) => setCommitteeDate(e.target.value)} />
        </label>
        <label>
          经审会审查日期（可不填）
          <Input type="date" value={reviewCommitteeDate} onChange={(e) => setReviewCommitteeDate(e.target.value)} />
        </label>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
