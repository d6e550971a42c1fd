import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { matchAccount } from '../ledger/account-options';
import { ProjectSelect } from '../ledger/project-select';
import { budgetRequest, checkBudget, emptyBudgetRow, type BudgetRow } from './budget-lines';

type Budget = Schemas['BudgetResponse'];

/**
 * 编制预算 / 修改草稿 / 预算调整: the lines (income and expense accounts of level 1 or 2, a project where the
 * money is restricted, the amount) with the income and expense totals as typed. An adjustment asks its reason
 * and starts from the approved version's lines; the approved version itself is never edited.
 */
export function BudgetEditor({ year, mode, from, onClose, onDone }: { year: number; mode: 'create' | 'edit' | 'adjust'; from?: Budget; onClose: () => void; onDone: (b: Budget) => void }) {
  const union = useUnion();
  const accounts = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const projects = useApi(() => call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })), [union.id]);
  const budgetable = useMemo(
    () => (accounts.data ?? []).filter((a) => (a.category === 'income' || a.category === 'expense') && a.level <= 2 && a.active),
    [accounts.data],
  );
  const options = budgetable.map((a) => ({ value: a.code, label: `${a.code} ${a.path}`, search: `${a.code} ${a.path}`.toLowerCase() }));
  const kindOf = (code: string) => budgetable.find((a) => a.code === code)?.category as 'income' | 'expense' | undefined;
  const [rows, setRows] = useState<BudgetRow[]>(() => [...(from?.lines ?? []).map((l) => ({ account: l.account, project: l.project ?? '', amount: l.amount })), emptyBudgetRow()]);
  const [reason, setReason] = useState('');
  const { busy, error, refuse, run } = useAction();
  const check = checkBudget(rows, kindOf);

  // from the rows as they are when React applies it, not as this render saw them: a choice and the keystrokes that
  // follow it may be handled before the re-render, and the later edit must not undo the earlier one
  const set = (i: number, patch: Partial<BudgetRow>) =>
    setRows((prev) => {
      const next = prev.map((r, j) => (j === i ? { ...r, ...patch } : r));
      const last = next[next.length - 1];
      if (last.account || last.amount) next.push(emptyBudgetRow());
      return next;
    });
  const save = async () => {
    if (check.problems.length) return refuse(check.problems[0]);
    const lines = budgetRequest(rows);
    if (lines.length === 0) return refuse('请至少编列一行预算');
    const path = { unionId: union.id };
    if (mode === 'adjust' && !reason.trim()) return refuse('请填写调整原因');
    await run(async () => {
      const saved =
        mode === 'create'
          ? await call(api.POST('/api/unions/{unionId}/budgets', { params: { path }, body: { year, lines } }))
          : mode === 'adjust'
            ? await call(api.POST('/api/unions/{unionId}/budgets/adjustments', { params: { path }, body: { year, reason: reason.trim(), lines } }))
            : await call(api.PUT('/api/unions/{unionId}/budgets/{id}', { params: { path: { ...path, id: from!.id } }, body: { lines } }));
      onDone(saved);
    });
  };

  return (
    <Modal
      open
      width={820}
      title={mode === 'create' ? `编制 ${year} 年预算` : mode === 'adjust' ? `${year} 年预算调整` : `修改预算草稿（第 ${from?.version} 版）`}
      okText="保存草稿"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onOk={() => void save()}
      onCancel={onClose}
    >
      {mode === 'adjust' && (
        <label style={{ display: 'block', marginBottom: 12 }}>
          调整原因
          <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      <Table<BudgetRow & { i: number }>
        rowKey="i"
        size="small"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={rows.map((r, i) => ({ ...r, i }))}
        columns={[
          {
            title: '科目',
            dataIndex: 'account',
            render: (v: string, r) => (
              <Select
                aria-label={`第 ${r.i + 1} 行预算科目`}
                showSearch={{ filterOption: (input, opt) => !!opt && matchAccount(input, opt as (typeof options)[number]) }}
                value={v || undefined}
                options={options}
                onChange={(account: string) => set(r.i, { account })}
                style={{ width: 280 }}
              />
            ),
          },
          {
            title: '项目',
            dataIndex: 'project',
            render: (v: string, r) => <ProjectSelect label={`第 ${r.i + 1} 行项目`} value={v} projects={projects.data} onChange={(project) => set(r.i, { project })} />,
          },
          {
            title: '预算金额',
            dataIndex: 'amount',
            align: 'right',
            render: (v: string, r) => (
              <Input aria-label={`第 ${r.i + 1} 行预算金额`} inputMode="decimal" value={v} onChange={(e) => set(r.i, { amount: e.target.value })} style={{ width: 140, textAlign: 'right' }} />
            ),
          },
          {
            title: '',
            width: 48,
            render: (_, r) => r.i < rows.length - 1 && <Button type="text" aria-label={`删除第 ${r.i + 1} 行`} icon={<DeleteOutlined />} onClick={() => setRows((prev) => prev.filter((_, j) => j !== r.i))} />,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap role="status">
        <span>收入预算合计 {formatMoney(check.income)}</span>
        <span>支出预算合计 {formatMoney(check.expense)}</span>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
