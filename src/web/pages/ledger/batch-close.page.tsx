import { Alert, Button, Card, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { useQueryState } from '../../ui/use-query-state';
import { lastMonth } from '../reports/last-month';

type Result = Schemas['BatchCloseResponse'];

/**
 * 批量结账: month M for every union of the center that is ready; the answer says per union which were closed
 * (with their closing vouchers), which were closed already, and why the others were not (every reason), plus
 * warnings that do not hold a close (unreconciled bank items).
 */
export function BatchClosePage() {
  const { centerId = '' } = useParams();
  const [q, setQ] = useQueryState({ period: lastMonth() });
  const [result, setResult] = useState<Result | null>(null);
  const { busy, error, run } = useAction();
  const close = () => run(async () => setResult(await call(api.POST('/api/centers/{centerId}/periods/{period}/close', { params: { path: { centerId, period: q.period } }, body: {} }))));
  const union = (u: { unionId: string; code: string; name: string }) => <Link to={`/u/${u.unionId}/periods`}>{`${u.code} ${u.name}`}</Link>;
  return (
    <>
      <PageHeader title="批量结账" />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input type="month" aria-label="结账期间" value={q.period} onChange={(e) => e.target.value && (setQ({ period: e.target.value }), setResult(null))} style={{ width: 160 }} />
          <Button type="primary" loading={busy} onClick={() => void close()}>
            结账本中心全部可结账的工会
          </Button>
        </Space>
        <p style={{ margin: '12px 0 0', color: 'rgba(0,0,0,.45)' }}>逐户检查：有草稿凭证、以前月份未结账或本月有已批准未记账报销单的工会不结账，并列出原因。</p>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {result && (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Alert
            type={result.refused.length ? 'warning' : 'success'}
            showIcon
            role="status"
            title={`${periodLabel(result.period)}：${result.unions} 个工会，本次结账 ${result.closed.length}，此前已结账 ${result.alreadyClosed.length}，未能结账 ${result.refused.length}`}
          />
          {result.refused.length > 0 && (
            <Card size="small" title="未能结账">
              <List
                dataSource={result.refused}
                renderItem={(r) => (
                  <List.Item>
                    <Space direction="vertical" size={2}>
                      {union(r)}
                      {r.reasons.map((why, i) => (
                        <span key={i}>
                          <Tag color="error">{why.code}</Tag>
                          {why.message}
                        </span>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {result.warnings.length > 0 && (
            <Card size="small" title="提示">
              <List dataSource={result.warnings} renderItem={(w) => <List.Item>{union(w)}：{w.warnings.map((x) => x.message).join('；')}</List.Item>} />
            </Card>
          )}
          {result.closed.length > 0 && (
            <Card size="small" title="本次结账">
              <List dataSource={result.closed} renderItem={(c) => <List.Item>{union(c)}</List.Item>} />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}
