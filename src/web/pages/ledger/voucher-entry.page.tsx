import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { allowedTypes, VOUCHER_TYPE_LABEL, type VoucherType } from '../../../ledger/domain/voucher-type';
import { ApiError, messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { todayInChina } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { postingAccounts } from './account-options';
import { balanceOf, emptyLine, requestLines, type GridLine } from './voucher-balance';
import { VoucherGrid } from './voucher-grid';

type Voucher = Schemas['VoucherResponse'];

/** 录入凭证 / 修改草稿: the header, the grid and the 借贷平衡 indicator; saved as a draft for another to post. */
export function VoucherEntryPage() {
  const union = useUnion();
  const { voucherId } = useParams();
  const chart = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const draft = useApi(
    () => (voucherId ? call(api.GET('/api/unions/{unionId}/vouchers/{id}', { params: { path: { unionId: union.id, id: voucherId } } })) : Promise.resolve(null)),
    [union.id, voucherId],
  );
  return (
    <PageState loaded={draft}>
      {(v) => <PageState loaded={chart}>{(accounts) => <Entry key={v?.id ?? 'new'} draft={v} accounts={postingAccounts(accounts)} />}</PageState>}
    </PageState>
  );
}

const blankGrid = () => [emptyLine(), emptyLine(), emptyLine(), emptyLine()];

function Entry({ draft, accounts }: { draft: Voucher | null; accounts: ReturnType<typeof postingAccounts> }) {
  const union = useUnion();
  const navigate = useNavigate();
  const types = allowedTypes(union.voucherNumbering as 'general' | 'typed');
  const [date, setDate] = useState(draft?.date ?? todayInChina());
  const [type, setType] = useState<VoucherType | 'auto'>(draft ? (draft.type as VoucherType) : types.length === 1 ? types[0] : 'auto');
  const [attachments, setAttachments] = useState<number>(draft?.attachmentCount ?? 0);
  const [red, setRed] = useState(draft?.red ?? false);
  const [lines, setLines] = useState<GridLine[]>(() => (draft ? [...draft.lines.map(fromLine), emptyLine()] : blankGrid()));
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<Voucher | null>(null);
  const [busy, setBusy] = useState(false);
  const balance = useMemo(() => balanceOf(lines, red), [lines, red]);

  useEffect(() => setError(null), [lines]);

  const save = async (andNew: boolean) => {
    if (busy) return;
    if (balance.problems.length > 0 || !balance.balanced) {
      setError(new ApiError(0, 'CLIENT', balance.problems[0]?.message ?? `借贷不平衡：差额 ${formatMoney(balance.difference)}`));
      return;
    }
    setBusy(true);
    setError(null);
    const body = { date, ...(type === 'auto' ? {} : { type }), red, attachmentCount: attachments, lines: requestLines(lines) };
    try {
      const result = draft
        ? await call(api.PATCH('/api/unions/{unionId}/vouchers/{id}', { params: { path: { unionId: union.id, id: draft.id } }, body }))
        : await call(api.POST('/api/unions/{unionId}/vouchers', { params: { path: { unionId: union.id } }, body: { ...body, post: false } }));
      if (andNew) {
        setSaved(result);
        setLines(blankGrid());
        setAttachments(0);
      } else {
        navigate(`/u/${union.id}/vouchers/${result.id}`);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', messageOf(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={draft ? '修改凭证草稿' : '录入凭证'} sub={`${union.name} · 保存为草稿，由另一人审核过账`} />
      <Card>
        <Form layout="inline" style={{ rowGap: 8, marginBottom: 16 }}>
          <Form.Item label="凭证日期">
            <Input type="date" aria-label="凭证日期" value={date} onChange={(e) => setDate(e.target.value)} />
          </Form.Item>
          <Form.Item label="凭证字">
            <Select
              aria-label="凭证字"
              value={type}
              style={{ width: 120 }}
              onChange={setType}
              options={[...(types.length > 1 ? [{ value: 'auto' as const, label: '按分录推断' }] : []), ...types.map((t) => ({ value: t, label: `${VOUCHER_TYPE_LABEL[t]}字` }))]}
            />
          </Form.Item>
          <Form.Item label="附单据">
            <Space.Compact>
              <InputNumber aria-label="附单据张数" min={0} max={9999} precision={0} value={attachments} onChange={(v) => setAttachments(v ?? 0)} style={{ width: 80 }} />
              <Space.Addon>张</Space.Addon>
            </Space.Compact>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={red} onChange={(e) => setRed(e.target.checked)}>
              红字凭证
            </Checkbox>
          </Form.Item>
        </Form>
        <VoucherGrid lines={lines} onChange={setLines} accounts={accounts} red={red} onSubmit={() => void save(false)} />
        <div role="status" aria-live="polite" style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
          {balance.balanced ? (
            <Tag color="success" style={{ fontSize: 14, padding: '4px 8px' }}>
              借贷平衡
            </Tag>
          ) : (
            <Tag color="error" style={{ fontSize: 14, padding: '4px 8px' }}>
              借贷不平 差额 {formatMoney(balance.difference)}
            </Tag>
          )}
          <span>借方合计 {formatMoney(balance.debit)}</span>
          <span>贷方合计 {formatMoney(balance.credit)}</span>
          {balance.words && <span>金额大写：{balance.words}</span>}
        </div>
        <p style={{ color: 'rgba(0,0,0,.45)', margin: '8px 0 0' }}>
          回车到下一格；摘要留空沿用上一行；金额格按“=”填入使凭证平衡的金额；Ctrl+S 保存。
        </p>
        {error && <Alert type="error" showIcon role="alert" title={error.message} style={{ marginTop: 12 }} />}
        {saved && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            title={
              <>
                已保存草稿（{saved.date}，合计 {formatMoney(saved.totalDebit)}）。<Link to={`/u/${union.id}/vouchers/${saved.id}`}>查看</Link>
              </>
            }
          />
        )}
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" loading={busy} onClick={() => void save(false)}>
            保存草稿
          </Button>
          {!draft && (
            <Button loading={busy} onClick={() => void save(true)}>
              保存并新增
            </Button>
          )}
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Card>
    </>
  );
}

function fromLine(l: Voucher['lines'][number]): GridLine {
  return { summary: l.summary, account: l.account, debit: l.debit ?? '', credit: l.credit ?? '' };
}
