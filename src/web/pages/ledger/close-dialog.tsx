import { Alert, Checkbox, Input, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { parseAmountInput } from '../../money/amount-input';
import { periodLabel } from '../../ui/format';
import { currentPeriod } from '../../ui/period-range';
import { checklist, type CheckItem } from './close-checklist';

type Period = Schemas['PeriodResponse'];
type ClosingVoucher = Schemas['ClosingVoucherResponse'];

export const CLOSING_KIND: Record<ClosingVoucher['kind'], string> = {
  depreciation: '计提折旧',
  'period-end': '期末结转',
  'carry-forward': '年终结转（结转转入累计结转）',
  'finished-projects': '已完成项目转入结余',
  surplus: '年终结转（结余转入累计结余）',
  reversal: '反结账冲销',
};

/** The vouchers a close made (or a reopen reversed), each a link to the voucher. */
export function ClosingVouchers({ vouchers, empty, compact }: { vouchers: ClosingVoucher[]; empty: string; compact?: boolean }) {
  const union = useUnion();
  if (vouchers.length === 0) return <span style={{ color: 'rgba(0,0,0,.45)' }}>{empty}</span>;
  return (
    <Space size={[8, 4]} wrap direction={compact ? 'horizontal' : 'vertical'}>
      {vouchers.map((v) => (
        <span key={v.id}>
          {!compact && <Tag>{CLOSING_KIND[v.kind]}</Tag>}
          <Link to={`/u/${union.id}/vouchers/${v.id}`} title={CLOSING_KIND[v.kind]}>
            {v.displayNumber}
          </Link>
        </span>
      ))}
    </Space>
  );
}

/**
 * 结账 with its pre-close checklist: what the server would refuse (month not ended, an earlier month open,
 * drafts) is shown before the button, with what to do; claims approved but not yet posted are listed as the
 * server counts them. In December, the restricted projects finished this year are chosen here (年终结转), each
 * with the amount moved to surplus (empty: all it has carried forward).
 */
export function CloseDialog({ period, onClose, onDone }: { period: Period; onClose: () => void; onDone: (p: Period) => void }) {
  const union = useUnion();
  const december = period.period.endsWith('-12');
  const earlier = useApi(
    () => call(api.GET('/api/unions/{unionId}/periods', { params: { path: { unionId: union.id }, query: { from: union.firstPeriod, to: period.period } } })),
    [union.id, period.period],
  );
  const claims = useApi(async () => {
    const counts = await Promise.all(
      (['approved', 'reviewed', 'checked', 'paid'] as const).map((status) =>
        call(api.GET('/api/unions/{unionId}/claims', { params: { path: { unionId: union.id }, query: { status, pageSize: 1 } } })).then((r) => r.total),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }, [union.id]);
  const projects = useApi(() => (december ? call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })) : Promise.resolve([])), [union.id, december]);
  const [finished, setFinished] = useState<Record<string, string>>({});
  const { busy, error, refuse, run } = useAction();

  const items: CheckItem[] = checklist({
    period: period.period,
    today: currentPeriod(),
    earlier: earlier.data,
    drafts: period.drafts,
    liveClaims: claims.data,
  });
  const blocked = items.some((i) => i.state === 'fail');

  const close = async () => {
    const chosen = Object.entries(finished);
    const bad = chosen.find(([, amount]) => amount.trim() !== '' && parseAmountInput(amount) === null);
    if (bad) return refuse(`项目 ${bad[0]} 的金额不是有效金额（最多两位小数）`);
    const body = december ? { finishedProjects: chosen.map(([project, amount]) => ({ project, ...(amount.trim() ? { amount: parseAmountInput(amount)! } : {}) })) } : {};
    const path = { unionId: union.id, period: period.period };
    await run(async () => onDone(await call(api.POST('/api/unions/{unionId}/periods/{period}/close', { params: { path }, body }))));
  };

  return (
    <Modal
      open
      title={`结账 ${periodLabel(period.period)}`}
      okText={december ? '结账并年终结转' : '结账'}
      okButtonProps={{ loading: busy, disabled: blocked }}
      cancelText="取消"
      onOk={() => void close()}
      onCancel={onClose}
      width={640}
    >
      <p>结账时系统自动生成并过账本月的折旧凭证和期末结转凭证（收入、支出结转至 32103 本年收支结转 / 32203 本年收支结余）{december ? '，12 月另按顺序生成年终结转凭证' : ''}。</p>
      <List
        size="small"
        bordered
        header={<strong>结账前检查</strong>}
        dataSource={items}
        aria-label="结账前检查"
        renderItem={(i) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <span>
                <Tag color={i.state === 'ok' ? 'success' : i.state === 'fail' ? 'error' : i.state === 'warn' ? 'warning' : 'default'}>
                  {i.state === 'ok' ? '通过' : i.state === 'fail' ? '不能结账' : i.state === 'warn' ? '请注意' : '检查中'}
                </Tag>
                {i.label}
              </span>
              {i.hint && <span style={{ color: 'rgba(0,0,0,.45)' }}>{i.hint}</span>}
            </Space>
          </List.Item>
        )}
      />
      {december && (
        <div style={{ marginTop: 16 }}>
          <strong>本年已完成的专项项目</strong>
          <p style={{ color: 'rgba(0,0,0,.45)', margin: '4px 0 8px' }}>勾选的项目，其累计结转（32104）转入结余（32204）；金额不填则转入该项目全部累计结转。未完成的项目继续结转下年。</p>
          {(projects.data ?? []).length === 0 && <span style={{ color: 'rgba(0,0,0,.45)' }}>本工会没有专项项目。</span>}
          {(projects.data ?? []).map((p) => (
            <div key={p.code} style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 4, flexWrap: 'wrap' }}>
              <Checkbox
                checked={p.code in finished}
                onChange={(e) =>
                  setFinished((f) => {
                    const next = { ...f };
                    if (e.target.checked) next[p.code] = '';
                    else delete next[p.code];
                    return next;
                  })
                }
              >
                {p.code} {p.name}
              </Checkbox>
              {p.code in finished && (
                <Input
                  aria-label={`${p.code} 转入结余的金额`}
                  placeholder="全部"
                  inputMode="decimal"
                  style={{ width: 140 }}
                  value={finished[p.code]}
                  onChange={(e) => setFinished((f) => ({ ...f, [p.code]: e.target.value }))}
                />
              )}
            </div>
          ))}
        </div>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
