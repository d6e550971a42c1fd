import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatMoney } from '../../money/money';
import { periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { matchAccount, postingAccounts } from './account-options';
import { ProjectSelect } from './project-select';
import { emptyRow, openingBalance, openingRequest, rowsFrom, type OpeningRow } from './opening-grid';

/**
 * 期初余额: the balances a union's books start from, entered (and corrected) until the first voucher is posted,
 * then locked. The balance indicator adds in decimal.js while typing; once saved, the totals shown are the
 * server's. (interchange adds an xlsx import beside the save button: `extra` of the header.)
 */
export function OpeningBalancesPage({ importButton }: { importButton?: ReactNode } = {}) {
  const union = useUnion();
  const me = useMe();
  const loaded = useApi(() => call(api.GET('/api/unions/{unionId}/opening-balances', { params: { path: { unionId: union.id } } })), [union.id]);
  const accounts = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const projects = useApi(() => call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })), [union.id]);
  const options = useMemo(() => postingAccounts(accounts.data ?? []), [accounts.data]);
  const [rows, setRows] = useState<OpeningRow[]>([emptyRow()]);
  const [saved, setSaved] = useState(false);
  const { busy, error, refuse, run } = useAction();
  useEffect(() => {
    if (loaded.data) setRows([...rowsFrom(loaded.data.lines), emptyRow()]);
  }, [loaded.data]);

  const editable = !!loaded.data && !loaded.data.locked && canOnUnion(me, union, 'opening:manage');
  const balance = openingBalance(rows);
  const set = (i: number, patch: Partial<OpeningRow>) => {
    setSaved(false);
    // an updater, so an edit handled before the re-render of the one before it keeps both
    setRows((prev) => {
      const next = prev.map((r, j) => (j === i ? { ...r, ...patch } : r));
      if (patch.debit) next[i].credit = '';
      if (patch.credit) next[i].debit = '';
      const last = next[next.length - 1];
      if (last.account || last.debit || last.credit) next.push(emptyRow());
      return next;
    });
  };
  const save = async () => {
    if (balance.problems.length) return refuse(balance.problems[0].message);
    if (!balance.balanced) return refuse(`期初余额不平衡：借方合计 ${formatMoney(balance.debit)}，贷方合计 ${formatMoney(balance.credit)}，差额 ${formatMoney(balance.difference)}`);
    const body = { lines: openingRequest(rows) };
    if (await run(() => call(api.POST('/api/unions/{unionId}/opening-balances', { params: { path: { unionId: union.id } }, body })))) {
      setSaved(true);
      loaded.reload();
    }
  };

  return (
    <>
      <PageHeader
        title="期初余额"
        sub={union.name}
        extra={
          editable && (
            <>
              {importButton}
              <Button type="primary" loading={busy} onClick={() => void save()}>
                保存期初余额
              </Button>
            </>
          )
        }
      />
      <PageState loaded={loaded}>
        {(o) => (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
              <Descriptions.Item label="启用期间">{periodLabel(o.period)}</Descriptions.Item>
              <Descriptions.Item label="状态">{o.locked ? <Tag>已锁定（已有过账凭证）</Tag> : <Tag color="processing">可录入</Tag>}</Descriptions.Item>
              <Descriptions.Item label="已保存的合计（借 / 贷）">
                <span aria-label="已保存的借方合计">{formatMoney(o.totalDebit)}</span> / <span aria-label="已保存的贷方合计">{formatMoney(o.totalCredit)}</span>
              </Descriptions.Item>
            </Descriptions>
            {saved && <Alert type="success" showIcon role="status" title="期初余额已保存；合计为服务器核对后的数字。" />}
            {error && <Alert type="error" showIcon role="alert" title={error} />}
            <Card>
              <Table<OpeningRow & { i: number }>
                rowKey="i"
                size="small"
                pagination={false}
                scroll={{ x: 760 }}
                dataSource={(editable ? rows : rowsFrom(o.lines)).map((r, i) => ({ ...r, i }))}
                columns={[
                  { title: '行', dataIndex: 'i', width: 48, render: (i: number) => i + 1 },
                  {
                    title: '科目',
                    dataIndex: 'account',
                    render: (v: string, r) =>
                      editable ? (
                        <Select
                          aria-label={`第 ${r.i + 1} 行科目`}
                          showSearch={{ filterOption: (input, opt) => !!opt && matchAccount(input, opt as (typeof options)[number]) }}
                          value={v || undefined}
                          options={options}
                          onChange={(account: string) => set(r.i, { account })}
                          style={{ width: 280 }}
                          status={balance.problems.some((p) => p.line === r.i + 1 && p.field === 'account') ? 'error' : undefined}
                        />
                      ) : (
                        `${v} ${o.lines.find((l) => l.account === v)?.accountName ?? ''}`
                      ),
                  },
                  {
                    title: '项目',
                    dataIndex: 'project',
                    render: (v: string, r) =>
                      editable ? (
                        <ProjectSelect label={`第 ${r.i + 1} 行项目`} value={v} projects={projects.data} onChange={(project) => set(r.i, { project })} />
                      ) : (
                        v
                      ),
                  },
                  ...(['debit', 'credit'] as const).map((side) => ({
                    title: side === 'debit' ? '借方余额' : '贷方余额',
                    dataIndex: side,
                    align: 'right' as const,
                    render: (v: string, r: OpeningRow & { i: number }) =>
                      editable ? (
                        <Input
                          aria-label={`第 ${r.i + 1} 行${side === 'debit' ? '借方' : '贷方'}余额`}
                          inputMode="decimal"
                          value={v}
                          onChange={(e) => set(r.i, { [side]: e.target.value })}
                          style={{ width: 140, textAlign: 'right' }}
                          status={balance.problems.some((p) => p.line === r.i + 1 && p.field === side) ? 'error' : undefined}
                        />
                      ) : (
                        formatMoney(v)
                      ),
                  })),
                  ...(editable
                    ? [
                        {
                          title: '',
                          width: 48,
                          render: (_: unknown, r: OpeningRow & { i: number }) =>
                            r.i < rows.length - 1 && (
                              <Button type="text" aria-label={`删除第 ${r.i + 1} 行`} icon={<DeleteOutlined />} onClick={() => setRows((prev) => prev.filter((_, j) => j !== r.i))} />
                            ),
                        },
                      ]
                    : []),
                ]}
              />
              {editable && (
                <div role="status" style={{ marginTop: 12, display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                  <span>借方合计 {formatMoney(balance.debit)}</span>
                  <span>贷方合计 {formatMoney(balance.credit)}</span>
                  {balance.balanced ? <Tag color="success">借贷平衡</Tag> : <Tag color="error">借贷不平衡，差额 {formatMoney(balance.difference)}</Tag>}
                </div>
              )}
            </Card>
          </Space>
        )}
      </PageState>
    </>
  );
}
