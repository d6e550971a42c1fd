import { Alert, Button, Card, Descriptions, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { formatMoney } from '../../money/money';
import { formatDateTime, todayInChina } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { PrintButton } from './print-button';
import { SOURCE_LABEL, typeLabel } from './voucher-labels';

type Voucher = Schemas['VoucherResponse'];

/**
 * 记账凭证 as printed: lines, totals in figures and capitals, 制单 and 记账. A draft is posted here by someone
 * other than its preparer (审核 ≠ 制单: the preparer sees why the button is not theirs); a posted voucher can be
 * reversed in red.
 */
export function VoucherPage() {
  const union = useUnion();
  const { voucherId = '' } = useParams();
  const voucher = useApi(() => call(api.GET('/api/unions/{unionId}/vouchers/{id}', { params: { path: { unionId: union.id, id: voucherId } } })), [union.id, voucherId]);
  return <PageState loaded={voucher}>{(v) => <VoucherView voucher={v} reload={voucher.reload} />}</PageState>;
}

function VoucherView({ voucher: v, reload }: { voucher: Voucher; reload: () => void }) {
  const union = useUnion();
  const me = useMe();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reversing, setReversing] = useState(false);
  const draft = v.status === 'draft';
  const mine = v.preparerId === me.id;
  const path = { unionId: union.id, id: v.id };

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const post = () => act(async () => (await call(api.POST('/api/unions/{unionId}/vouchers/{id}/post', { params: { path } })), reload()));
  const remove = () =>
    Modal.confirm({
      title: '删除这张凭证草稿？',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => act(async () => (await call(api.DELETE('/api/unions/{unionId}/vouchers/{id}', { params: { path } })), navigate(`/u/${union.id}/vouchers`))),
    });

  const actions = (
    <>
      {draft && canOnUnion(me, union, 'vouchers:prepare') && (
        <>
          <Link to={`/u/${union.id}/vouchers/${v.id}/edit`}>
            <Button>修改</Button>
          </Link>
          <Button danger onClick={remove}>
            删除
          </Button>
        </>
      )}
      {draft && canOnUnion(me, union, 'vouchers:post') && (
        <Button type="primary" loading={busy} disabled={mine} onClick={() => void post()}>
          审核过账
        </Button>
      )}
      {!draft && <PrintButton url={`/api/unions/${union.id}/vouchers/${v.id}.pdf`} fileName={`${v.displayNumber ?? v.id}.pdf`} layouts />}
      {!draft && !v.reversedBy && !v.reversalOf && canOnUnion(me, union, 'vouchers:reverse') && (
        <Button danger onClick={() => setReversing(true)}>
          红字冲销
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={
          <>
            记账凭证 {v.displayNumber ?? ''}{' '}
            <Tag color={draft ? 'default' : 'success'} style={{ verticalAlign: 'middle' }}>
              {draft ? '草稿（未过账）' : '已过账'}
            </Tag>
            {v.red && <Tag color="red">红字</Tag>}
          </>
        }
        sub={union.name}
        extra={actions}
      />
      {draft && mine && canOnUnion(me, union, 'vouchers:post') && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这张凭证由您制单，须由另一位有过账权限的人审核过账（审核与制单不能是同一人）。" />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'd', label: '日期', children: v.date },
            { key: 't', label: '凭证字号', children: v.displayNumber ?? `${typeLabel(v.type)}字（过账时编号）` },
            { key: 'a', label: '附单据', children: `${v.attachmentCount} 张` },
            { key: 's', label: '来源', children: SOURCE_LABEL[v.source] ?? v.source },
            ...(v.reversalOf ? [{ key: 'ro', label: '冲销', children: <Link to={`/u/${union.id}/vouchers/${v.reversalOf.id}`}>{v.reversalOf.displayNumber}</Link> }] : []),
            ...(v.reversedBy ? [{ key: 'rb', label: '已被冲销', children: <Link to={`/u/${union.id}/vouchers/${v.reversedBy.id}`}>{v.reversedBy.displayNumber}</Link> }] : []),
          ]}
        />
        <Table
          size="small"
          rowKey="lineNo"
          pagination={false}
          dataSource={v.lines}
          scroll={{ x: 640 }}
          columns={[
            { title: '摘要', dataIndex: 'summary' },
            {
              title: '会计科目',
              dataIndex: 'account',
              render: (code: string, l) => (
                <Link to={`/u/${union.id}/ledger?account=${code}&from=${v.period}&to=${v.period}`}>
                  {code} {l.accountPath}
                </Link>
              ),
            },
            { title: '借方金额', dataIndex: 'debit', align: 'right', width: 140, render: (a: string | null) => formatMoney(a) },
            { title: '贷方金额', dataIndex: 'credit', align: 'right', width: 140, render: (a: string | null) => formatMoney(a) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                合计：{v.amountInWords}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong>{formatMoney(v.totalDebit)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong>{formatMoney(v.totalCredit)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <Space size="large" wrap style={{ marginTop: 16 }}>
          {/* the signature row of a printed 记账凭证: 记账, 审核, 出纳, 制单 */}
          <span>记账：{v.postedBy ?? '—'}</span>
          <span>审核：{v.reviewer ?? '—'}</span>
          {v.cashier && <span>出纳：{v.cashier}</span>}
          <span>制单：{v.preparer}</span>
          {v.onePerson && <Tag color="orange">一人冲销</Tag>}
          {v.postedAt && <span>过账时间：{formatDateTime(v.postedAt)}</span>}
        </Space>
      </Card>
      {reversing && <ReverseDialog voucher={v} onClose={() => setReversing(false)} onDone={(r) => navigate(`/u/${union.id}/vouchers/${r.id}`)} />}
    </>
  );
}

function ReverseDialog({ voucher, onClose, onDone }: { voucher: Voucher; onClose: () => void; onDone: (v: Voucher) => void }) {
  const union = useUnion();
  const [date, setDate] = useState(todayInChina());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const reverse = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call(api.POST('/api/unions/{unionId}/vouchers/{id}/reverse', { params: { path: { unionId: union.id, id: voucher.id } }, body: { date } })));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', messageOf(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`红字冲销 ${voucher.displayNumber}`} okText="冲销" okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onOk={() => void reverse()} onCancel={onClose}>
      <p>将生成一张金额相同的红字凭证，抵销原凭证（原凭证保留，不删除、不修改）。</p>
      <label>
        冲销日期（须在未结账期间，不早于原凭证）
        <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
