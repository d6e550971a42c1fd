import { Card, Descriptions, Input, Table, Tag } from 'antd';
import { PagedList } from '../../ui/paged-list';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';
import { useQueryState } from '../../ui/use-query-state';

type Share = Schemas['SharePositionResponse'];

const UNION_STATUS: Record<string, string> = { active: '', suspended: '已暂停', withdrawn: '已退出' };

/**
 * 头寸: at the end of a date, each union's share of the pooled account — book balance, reserved for approved
 * claims, available — their totals, the account's book balance (= Σ shares) and the last imported bank balance.
 * Every figure is the server's; the browser adds nothing up.
 */
export function PositionView({ centerId, accountId }: { centerId: string; accountId: string }) {
  const [q, setQ] = useQueryState({ date: todayInChina() });
  const loaded = useApi(
    () => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/position', { params: { path: { centerId, id: accountId }, query: { date: q.date } } })),
    [centerId, accountId, q.date],
  );
  const p = loaded.data;
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <label>
          截至日期{' '}
          <Input type="date" aria-label="头寸日期" value={q.date} onChange={(e) => e.target.value && setQ({ date: e.target.value })} style={{ width: 170 }} />
        </label>
      </div>
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {p && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
            <Descriptions.Item label="账面余额（各工会份额之和）">
              <strong data-testid="book-balance">{yuan(p.bookBalance)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label="已预留">{yuan(p.total.reserved)}</Descriptions.Item>
            <Descriptions.Item label="可用">{yuan(p.total.available)}</Descriptions.Item>
            <Descriptions.Item label="银行对账单余额">{p.statement ? `${yuan(p.statement.balance)}（${p.statement.date}）` : '尚未导入对账单'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <PagedList<Share>
        label="工会份额"
        rowKey={(s) => `${s.unionId}-${s.account}`}
        loading={loaded.loading}
        items={p?.unions}
        scrollX={760}
        unit="个份额"
        empty="该账户尚无工会份额"
        columns={[
          {
            title: '工会',
            key: 'union',
            render: (_, s) => (
              <>
                {s.unionName} <span style={{ color: 'rgba(0,0,0,.45)' }}>{s.unionCode}</span> {UNION_STATUS[s.unionStatus] && <Tag>{UNION_STATUS[s.unionStatus]}</Tag>}
              </>
            ),
          },
          { title: '份额科目', dataIndex: 'account', width: 130, render: (a: string, s) => `${a}${s.isDefault ? '（默认）' : ''}` },
          { title: '账面余额', dataIndex: 'balance', width: 150, align: 'right', render: (v: string) => yuan(v) },
          { title: '已预留', dataIndex: 'reserved', width: 130, align: 'right', render: (v: string) => yuan(v) },
          { title: '可用', dataIndex: 'available', width: 150, align: 'right', render: (v: string) => yuan(v) },
        ]}
        summary={() =>
          p && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>合计</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong>{yuan(p.total.balance)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {yuan(p.total.reserved)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {yuan(p.total.available)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </>
  );
}
