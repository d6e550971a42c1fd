import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatDateTime } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';
import { ReasonDialog } from '../../ui/reason-dialog';

const STATEMENT_KIND: Record<string, string> = {
  'balance-sheet': '资产负债表（月报）',
  'income-expenditure': '收入支出表（月报）',
  'balance-sheet:annual': '资产负债表（年报）',
  'income-expenditure:annual': '收入支出表（年报）',
};

/**
 * 年度结转 of a year: once its 12 months are closed (December's close made the year-end vouchers), the year is
 * closed — the next year's opening balances follow, the year's statements are frozen (each with its SHA-256).
 * Reopening a year is the director's, with a reason, and redoes its closing.
 */
export function YearCard({ year, onChanged }: { year: string; onChanged: () => void }) {
  const union = useUnion();
  const me = useMe();
  const loaded = useApi(() => call(api.GET('/api/unions/{unionId}/years/{year}', { params: { path: { unionId: union.id, year } } })), [union.id, year]);
  const { busy, error, run } = useAction();
  const [reopening, setReopening] = useState(false);
  const y = loaded.data;
  const close = async () => {
    if (await run(() => call(api.POST('/api/unions/{unionId}/years/{year}/close', { params: { path: { unionId: union.id, year } } })))) {
      loaded.reload();
      onChanged();
    }
  };
  return (
    <Card title={`${year} 年度结转`} style={{ marginTop: 16 }}>
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {y && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="状态">{y.status === 'closed' ? <Tag>已结转下年（报表已冻结）</Tag> : <Tag color="processing">未结转</Tag>}</Descriptions.Item>
            {y.closedAt && <Descriptions.Item label="结转">{`${y.closedBy ?? ''} ${formatDateTime(y.closedAt)}`}</Descriptions.Item>}
          </Descriptions>
          {y.status === 'open' && <p style={{ margin: 0 }}>12 个月全部结账后（12 月结账时生成年终结转凭证），结转下年：下年期初余额随之生成，本年报表冻结。</p>}
          {y.frozenStatements.length > 0 && (
            <Descriptions size="small" column={1} bordered title="冻结的报表">
              {y.frozenStatements
                .filter((s) => s.kind.endsWith(':annual'))
                .map((s) => (
                  <Descriptions.Item key={`${s.kind}-${s.period}`} label={STATEMENT_KIND[s.kind] ?? s.kind}>
                    <code style={{ wordBreak: 'break-all' }}>{s.sha256}</code>
                  </Descriptions.Item>
                ))}
            </Descriptions>
          )}
          {y.events.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {y.events.map((e, i) => (
                <li key={i}>
                  {e.action === 'close' ? '结转下年' : '反结转'} · {e.actor} · {formatDateTime(e.at)}
                  {e.reason ? ` · 原因：${e.reason}` : ''}
                </li>
              ))}
            </ul>
          )}
          <Space>
            {y.status === 'open' && canOnUnion(me, union, 'periods:close') && (
              <Button type="primary" loading={busy} onClick={() => void close()}>
                结转下年
              </Button>
            )}
            {y.status === 'closed' && canOnUnion(me, union, 'periods:reopen') && (
              <Button danger onClick={() => setReopening(true)}>
                反结转
              </Button>
            )}
          </Space>
          {error && <Alert type="error" showIcon role="alert" title={error} />}
        </Space>
      )}
      {reopening && (
        <ReopenYearDialog
          year={year}
          onClose={() => setReopening(false)}
          onDone={() => {
            setReopening(false);
            loaded.reload();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function ReopenYearDialog({ year, onClose, onDone }: { year: string; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  return (
    <ReasonDialog
      title={`反结转 ${year} 年度`}
      okText="反结转"
      intro="反结转后该年度的报表解除冻结，可反结账 12 月并更正；再次结转时重新冻结。原因将记入审计日志。"
      required="请填写反结转原因"
      send={(reason) => call(api.POST('/api/unions/{unionId}/years/{year}/reopen', { params: { path: { unionId: union.id, year } }, body: { reason } }))}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
