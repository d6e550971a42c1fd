import { Card, Checkbox, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/page-state';
import { currentPeriod, PeriodRange } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';

type Row = Schemas['TrialBalanceRowResponse'] & { children?: Row[] };

/** Rows nested under their parent account (code prefix), so the table folds by level as the chart does. */
export function nestRows(rows: Schemas['TrialBalanceRowResponse'][]): Row[] {
  const roots: Row[] = [];
  const stack: Row[] = [];
  for (const r of rows) {
    const row: Row = { ...r };
    while (stack.length && !row.code.startsWith(stack[stack.length - 1].code)) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
    stack.push(row);
  }
  return roots;
}

/**
 * 科目余额表: opening, movements and closing per account for a range of months (in the URL), folding by level;
 * every figure leads down to the account's 明细账 for the same months, and from there to each voucher.
 */
export function TrialBalancePage() {
  const union = useUnion();
  const now = currentPeriod();
  const [q, setQ] = useQueryState({ from: `${now.slice(0, 4)}-01`, to: now, zero: '' });
  const tb = useApi(
    () =>
      call(
        api.GET('/api/unions/{unionId}/trial-balance', {
          params: { path: { unionId: union.id }, query: { from: q.from, to: q.to, includeZero: q.zero === '1' ? 'true' : 'false' } },
        }),
      ),
    [union.id, q.from, q.to, q.zero],
  );
  const rows = useMemo(() => nestRows(tb.data?.rows ?? []), [tb.data]);
  const ledger = (code: string) => `/u/${union.id}/ledger?account=${code}&from=${q.from}&to=${q.to}`;
  const money = (code: string) => (a: string) => (a === '0.00' ? '' : <Link to={ledger(code)}>{formatMoney(a)}</Link>);

  return (
    <>
      <PageHeader
        title="科目余额表"
        sub={union.name}
        extra={
          <>
            <PeriodRange from={q.from} to={q.to} onChange={setQ} />
            <Checkbox checked={q.zero === '1'} onChange={(e) => setQ({ zero: e.target.checked ? '1' : '' })}>
              含零余额科目
            </Checkbox>
          </>
        }
      />
      <Card>
        {tb.error && <ErrorAlert error={tb.error} onRetry={tb.reload} />}
        {tb.data && (
          <div style={{ marginBottom: 8 }}>
            {tb.data.balanced ? <Tag color="success">期初、发生额、期末借贷均平衡</Tag> : <Tag color="error">借贷不平衡，请检查</Tag>}
          </div>
        )}
        <Table<Row>
          rowKey="code"
          size="small"
          loading={tb.loading}
          dataSource={rows}
          pagination={false}
          // fits the card at 1280 px beside the menu (960 px wide); narrower screens scroll it, 科目 fixed on the left
          scroll={{ x: 940 }}
          expandable={{ defaultExpandAllRows: false, indentSize: 16 }}
          locale={{ emptyText: '所选期间没有发生额或余额' }}
          columns={[
            {
              title: '科目',
              dataIndex: 'code',
              fixed: 'left',
              width: 240,
              render: (code: string, r) => (
                <Link to={ledger(code)} aria-label={`${code} ${r.name} 明细账`}>
                  {code} {r.name}
                </Link>
              ),
            },
            { title: '期初借方', dataIndex: 'openingDebit', align: 'right', render: (a: string, r) => money(r.code)(a) },
            { title: '期初贷方', dataIndex: 'openingCredit', align: 'right', render: (a: string, r) => money(r.code)(a) },
            { title: '本期借方', dataIndex: 'debit', align: 'right', render: (a: string, r) => money(r.code)(a) },
            { title: '本期贷方', dataIndex: 'credit', align: 'right', render: (a: string, r) => money(r.code)(a) },
            { title: '期末借方', dataIndex: 'closingDebit', align: 'right', render: (a: string, r) => money(r.code)(a) },
            { title: '期末贷方', dataIndex: 'closingCredit', align: 'right', render: (a: string, r) => money(r.code)(a) },
          ]}
          summary={() =>
            tb.data && (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>合计（一级科目）</Table.Summary.Cell>
                  {(['openingDebit', 'openingCredit', 'debit', 'credit', 'closingDebit', 'closingCredit'] as const).map((k, i) => (
                    <Table.Summary.Cell key={k} index={i + 1} align="right">
                      {formatMoney(tb.data!.totals[k])}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          }
        />
      </Card>
    </>
  );
}
