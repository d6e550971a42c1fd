import { Alert, Button, Card, Input, List, Pagination, Progress, Segmented, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { formatDateTime, periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { useQueryState } from '../../ui/use-query-state';
import { lastMonth } from '../reports/last-month';

type Run = Schemas['CloseRunDetailResponse'];
type Outcome = 'pending' | 'closed' | 'already' | 'refused' | 'failed';

const STATE: Record<string, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

const OUTCOME: Record<Outcome, { label: string; color: string }> = {
  pending: { label: '待处理', color: 'default' },
  closed: { label: '本次结账', color: 'success' },
  already: { label: '此前已结账', color: 'blue' },
  refused: { label: '未能结账', color: 'warning' },
  failed: { label: '系统错误', color: 'error' },
};

const PAGE_SIZE = 50;

/**
 * 批量结账: the center's month closed for every union in the background (a close run). Starting it answers at
 * once; the page then asks for the run every second until it is over, showing its progress and each union's
 * outcome (closed, closed before, refused with every reason, failed), filtered and paged. A run still going
 * for the month (409) is shown instead of a second one; the center's earlier runs are listed below.
 */
export function BatchClosePage() {
  const { centerId = '' } = useParams();
  const [q, setQ] = useQueryState({ period: lastMonth(), run: '', outcome: '', page: '1' });
  const { busy, error, run: act } = useAction();
  const [run, setRun] = useState<Run | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const runs = useApi(() => call(api.GET('/api/centers/{centerId}/close-runs', { params: { path: { centerId }, query: { pageSize: 10 } } })), [centerId, run?.state]);

  const start = () =>
    act(async () => {
      try {
        const started = await call(api.POST('/api/centers/{centerId}/close-runs', { params: { path: { centerId } }, body: { period: q.period } }));
        setQ({ run: started.id, outcome: undefined, page: undefined });
      } catch (e) {
        // the month's run is still going: follow that one
        const live = e instanceof ApiError && e.code === 'CLOSE_RUN_RUNNING' ? (e.details?.runId as string | null | undefined) : null;
        if (!live) throw e;
        setQ({ run: live, outcome: undefined, page: undefined });
      }
    });

  useEffect(() => {
    if (!q.run) return setRun(null);
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const query = { page: Number(q.page) || 1, pageSize: PAGE_SIZE, ...(q.outcome ? { outcome: q.outcome as Outcome } : {}) };
        const r = await call(api.GET('/api/centers/{centerId}/close-runs/{runId}', { params: { path: { centerId, runId: q.run }, query } }));
        if (!live) return;
        setRun(r);
        setLoadError(null);
        if (r.state === 'queued' || r.state === 'running') timer = setTimeout(() => void poll(), 1000);
      } catch (e) {
        if (!live) return;
        setLoadError(e instanceof Error ? e.message : String(e));
        // a network hiccup does not end the run: ask again a little later
        if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) timer = setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [centerId, q.run, q.outcome, q.page]);

  const union = (u: { unionId: string; code: string; name: string }) => <Link to={`/u/${u.unionId}/periods`}>{`${u.code} ${u.name}`}</Link>;
  const p = run?.progress;
  return (
    <>
      <PageHeader title="批量结账" />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input type="month" aria-label="结账期间" value={q.period} onChange={(e) => e.target.value && setQ({ period: e.target.value })} style={{ width: 160 }} />
          <Button type="primary" loading={busy} onClick={() => void start()}>
            结账本中心全部可结账的工会
          </Button>
        </Space>
        <p style={{ margin: '12px 0 0', color: 'rgba(0,0,0,.45)' }}>
          在后台逐户结账，可离开本页稍后再看：有草稿凭证、以前月份未结账或本月有已批准未记账报销单的工会不结账，并列出原因。
        </p>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 16 }} />}
      {run && p && (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Card size="small" title={`${periodLabel(run.period)} 批量结账`} extra={<Tag color={STATE[run.state]?.color}>{STATE[run.state]?.label ?? run.state}</Tag>}>
            <Progress percent={p.percent} status={run.state === 'failed' ? 'exception' : run.state === 'done' ? 'success' : 'active'} aria-label="结账进度" />
            <div role="status">
              {`${p.total} 个工会，已处理 ${p.done}：本次结账 ${p.closed}，此前已结账 ${p.already}，未能结账 ${p.refused}` + (p.failed ? `，系统错误 ${p.failed}` : '')}
            </div>
            {run.error && <Alert type="error" showIcon title={`批量结账失败：${run.error}（未处理的工会可再次批量结账）`} style={{ marginTop: 8 }} />}
            <div style={{ marginTop: 8, color: 'rgba(0,0,0,.45)' }}>
              {`${run.createdBy} 发起于 ${formatDateTime(run.createdAt)}`}
              {run.finishedAt ? `，完成于 ${formatDateTime(run.finishedAt)}` : ''}
            </div>
          </Card>
          <Card size="small" title="各工会结果">
            <Segmented
              aria-label="按结果筛选"
              value={q.outcome || 'all'}
              onChange={(v) => setQ({ outcome: v === 'all' ? undefined : String(v), page: undefined })}
              options={[{ label: `全部 ${p.total}`, value: 'all' }, ...(Object.keys(OUTCOME) as Outcome[]).filter((o) => p[o] > 0).map((o) => ({ label: `${OUTCOME[o].label} ${p[o]}`, value: o }))]}
              style={{ marginBottom: 8 }}
            />
            <List
              dataSource={run.unions.items}
              renderItem={(u) => (
                <List.Item>
                  <Space direction="vertical" size={2}>
                    <span>
                      <Tag color={OUTCOME[u.outcome as Outcome]?.color}>{OUTCOME[u.outcome as Outcome]?.label ?? u.outcome}</Tag>
                      {union(u)}
                      {u.closingVouchers.length > 0 && <span style={{ marginLeft: 8, color: 'rgba(0,0,0,.45)' }}>{u.closingVouchers.map((v) => v.displayNumber).join('、')}</span>}
                    </span>
                    {u.reasons.map((why, i) => (
                      <span key={i}>
                        <Tag color="error">{why.code}</Tag>
                        {why.message}
                      </span>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
            {run.unions.total > PAGE_SIZE && (
              <Pagination current={run.unions.page} pageSize={PAGE_SIZE} total={run.unions.total} showSizeChanger={false} onChange={(page) => setQ({ page: String(page) })} />
            )}
          </Card>
        </Space>
      )}
      {runs.data && runs.data.items.length > 0 && (
        <Card size="small" title="本中心的批量结账" style={{ marginTop: 16 }}>
          <List
            dataSource={runs.data.items}
            renderItem={(r) => (
              <List.Item>
                <a onClick={() => setQ({ run: r.id, period: r.period, outcome: undefined, page: undefined })}>{periodLabel(r.period)}</a>
                <span>{`${r.createdBy} ${formatDateTime(r.createdAt)}`}</span>
                <span>{`本次结账 ${r.progress.closed}，此前已结账 ${r.progress.already}，未能结账 ${r.progress.refused + r.progress.failed}`}</span>
                <Tag color={STATE[r.state]?.color}>{STATE[r.state]?.label ?? r.state}</Tag>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
