import { Card, Select, Table } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/page-state';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { currentPeriod, PeriodRange } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';
import { matchAccount } from './account-options';

type Line = Schemas['LedgerLineResponse'];
const PAGE_SIZE = 100;

/** 明细账: one account (a parent covers its leaves) over a range of months, paged; each line opens its voucher. */
export function LedgerPage() {
  const union = useUnion();
  const now = currentPeriod();
  const [q, setQ] = useQueryState({ account: '', from: `${now.slice(0, 4)}-01`, to: now, page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const chart = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const options = useMemo(
    () => (chart.data ?? []).map((a) => ({ value: a.code, label: `${a.code} ${a.path}`, search: `${a.code} ${a.path}`.toLowerCase() })),
    [chart.data],
  );
  const ledger = useApi(
    () =>
      q.account
        ? call(api.GET('/api/unions/{unionId}/ledger', { params: { path: { unionId: union.id }, query: { account: q.account, from: q.from, to: q.to, page, pageSize: PAGE_SIZE } } }))
        : Promise.resolve(null),
    [union.id, q.account, q.from, q.to, page],
  );
  const l = ledger.data;

  return (
    <>
      <PageHeader
        title={l ? `明细账：${l.account} ${l.accountPath}` : '明细账'}
        sub={union.name}
        extra={
          <>
            <Select
              aria-label="科目"
              placeholder="选择科目（编码或名称）"
              value={q.account || undefined}
              options={options}
              showSearch={{ filterOption: (input, o) => !!o && matchAccount(input, o as (typeof options)[number]) }}
              onChange={(v: string) => setQ({ account: v })}
              style={{ width: 300, maxWidth: '100%' }}
              popupMatchSelectWidth={false}
            />
            <PeriodRange from={q.from} to={q.to} onChange={setQ} />
          </>
        }
      />
      {ledger.error && <ErrorAlert error={ledger.error} onRetry={ledger.reload} />}
      {!q.account && <Card>请选择一个科目查看明细账；也可以从科目余额表点击科目进入。</Card>}
      {l && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <p style={{ marginTop: 0 }}>期初余额：{`${l.opening.direction} ${formatMoney(l.opening.amount)}`}</p>
            <PagedList<Line>
              label="明细账"
              rowKey={(r) => `${r.voucherId}:${r.account}:${r.summary}:${r.debit}:${r.credit}`}
              size="small"
              loading={ledger.loading}
              items={l.lines}
              scrollX={900}
              href={(r) => `/u/${union.id}/vouchers/${r.voucherId}`}
              empty="所选期间没有发生额"
              unit="笔"
              paging={paging}
              total={l.total}
              columns={[
                { title: '日期', dataIndex: 'date', width: 110 },
                {
                  title: '凭证号',
                  dataIndex: 'voucherNumber',
                  width: 150,
                  render: (n: string, r) => (
                    <Link to={`/u/${union.id}/vouchers/${r.voucherId}`} onClick={(e) => e.stopPropagation()}>
                      {n}
                    </Link>
                  ),
                },
                { title: '摘要', dataIndex: 'summary', ellipsis: true },
                ...(l.account.length < 5 ? [{ title: '科目', dataIndex: 'account', width: 90 }] : []),
                { title: '借方', dataIndex: 'debit', align: 'right', width: 130, render: (a: string | null) => formatMoney(a) },
                { title: '贷方', dataIndex: 'credit', align: 'right', width: 130, render: (a: string | null) => formatMoney(a) },
                { title: '方向', dataIndex: 'direction', width: 60, align: 'center' },
                { title: '余额', dataIndex: 'balance', align: 'right', width: 140, render: (a: string) => formatMoney(a) },
              ]}
            />
            <p style={{ marginBottom: 0 }}>期末余额：{`${l.closing.direction} ${formatMoney(l.closing.amount)}`}</p>
          </Card>
          <Card title="本月合计与本年累计">
            <Table
              rowKey="period"
              size="small"
              pagination={false}
              dataSource={l.periods}
              scroll={{ x: 700 }}
              columns={[
                { title: '月份', dataIndex: 'period', render: periodLabel },
                { title: '本月借方', dataIndex: 'debit', align: 'right', render: formatMoney },
                { title: '本月贷方', dataIndex: 'credit', align: 'right', render: formatMoney },
                { title: '本年累计借方', dataIndex: 'yearDebit', align: 'right', render: formatMoney },
                { title: '本年累计贷方', dataIndex: 'yearCredit', align: 'right', render: formatMoney },
                { title: '月末余额', dataIndex: 'closing', align: 'right', render: (c: Schemas['DirectedAmount']) => `${c.direction} ${formatMoney(c.amount)}` },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
