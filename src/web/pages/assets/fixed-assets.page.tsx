import { Alert, Button, Card, Descriptions, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { parseAmountInput } from '../../money/amount-input';
import { formatMoney } from '../../money/money';
import { periodLabel } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { ReasonDialog } from '../../ui/reason-dialog';
import { useQueryState } from '../../ui/use-query-state';

type Asset = Schemas['FixedAssetResponse'];

const STATUS: Record<Asset['status'], { label: string; color: string }> = {
  active: { label: '在用', color: 'success' },
  disposed: { label: '已处置', color: 'default' },
  cancelled: { label: '已注销', color: 'default' },
};
const CATEGORY: Record<Asset['category'], string> = { general: '通用设备', special: '专用设备' };
const DISPOSAL: Record<string, string> = { scrap: '报废', sale: '出售', donation: '对外捐赠' };

/**
 * 固定资产: the cards (固定资产卡片) with cost, accumulated depreciation and book value; the reconciliation of the
 * cards with the ledger's 162/163; a card for an asset held before the first period (purchases make their own
 * card when the claim's payment is posted); disposal with its entries; cancel before any depreciation.
 */
export function FixedAssetsPage() {
  const union = useUnion();
  const me = useMe();
  const [q, setQ] = useQueryState({ status: 'active' });
  const loaded = useApi(
    () => call(api.GET('/api/unions/{unionId}/fixed-assets', { params: { path: { unionId: union.id }, query: q.status === 'all' ? {} : { status: q.status as Asset['status'] } } })),
    [union.id, q.status],
  );
  const manage = canOnUnion(me, union, 'assets:manage');
  const [creating, setCreating] = useState(false);
  const [disposing, setDisposing] = useState<Asset | null>(null);
  const [cancelling, setCancelling] = useState<Asset | null>(null);

  return (
    <>
      <PageHeader
        title="固定资产"
        sub={union.name}
        extra={
          <>
            <Radio.Group
              aria-label="卡片状态"
              optionType="button"
              value={q.status}
              onChange={(e) => setQ({ status: e.target.value })}
              options={[
                { value: 'active', label: '在用' },
                { value: 'disposed', label: '已处置' },
                { value: 'all', label: '全部' },
              ]}
            />
            {manage && (
              <Button type="primary" onClick={() => setCreating(true)}>
                登记启用前资产
              </Button>
            )}
          </>
        }
      />
      <PageState loaded={loaded}>
        {(l) => (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Reconciliation r={l.reconciliation} />
            <Card>
              <Table<Asset>
                rowKey="id"
                size="small"
                dataSource={l.items}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 940 }}
                locale={{ emptyText: '没有固定资产卡片' }}
                expandable={{ expandedRowRender: (a) => <AssetDetail asset={a} /> }}
                columns={[
                  { title: '编号', dataIndex: 'number' },
                  { title: '名称', dataIndex: 'name' },
                  { title: '类别', dataIndex: 'category', render: (c: Asset['category']) => CATEGORY[c] },
                  { title: '取得日期', dataIndex: 'acquisitionDate' },
                  { title: '原值', dataIndex: 'cost', align: 'right', render: formatMoney },
                  { title: '累计折旧', dataIndex: 'accumulatedDepreciation', align: 'right', render: formatMoney },
                  { title: '净值', dataIndex: 'bookValue', align: 'right', render: formatMoney },
                  { title: '年限', dataIndex: 'usefulLifeMonths', render: (m: number) => `${m} 个月` },
                  { title: '状态', dataIndex: 'status', render: (s: Asset['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
                  {
                    title: '操作',
                    render: (_, a) =>
                      manage &&
                      a.status === 'active' && (
                        <Space>
                          <Button size="small" onClick={() => setDisposing(a)}>
                            处置
                          </Button>
                          {a.lastDepreciated === null && (
                            <Button size="small" danger onClick={() => setCancelling(a)}>
                              注销
                            </Button>
                          )}
                        </Space>
                      ),
                  },
                ]}
              />
            </Card>
          </Space>
        )}
      </PageState>
      {creating && <CreateDialog onClose={() => setCreating(false)} onDone={() => (setCreating(false), loaded.reload())} />}
      {cancelling && <CancelDialog asset={cancelling} onClose={() => setCancelling(null)} onDone={() => (setCancelling(null), loaded.reload())} />}
      {disposing && <DisposeDialog asset={disposing} onClose={() => setDisposing(null)} onDone={() => (setDisposing(null), loaded.reload())} />}
    </>
  );
}

function Reconciliation({ r }: { r: Schemas['AssetReconciliationResponse'] }) {
  const agrees = r.cards.cost === r.ledger.cost && r.cards.depreciation === r.ledger.depreciation;
  return (
    <Card size="small" title="卡片与账簿核对">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label="卡片原值合计">{formatMoney(r.cards.cost)}</Descriptions.Item>
        <Descriptions.Item label="162 固定资产余额">{formatMoney(r.ledger.cost)}</Descriptions.Item>
        <Descriptions.Item label="卡片累计折旧合计">{formatMoney(r.cards.depreciation)}</Descriptions.Item>
        <Descriptions.Item label="163 累计折旧余额">{formatMoney(r.ledger.depreciation)}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 8 }} role="status">
        {agrees ? <Tag color="success">卡片与账簿相符</Tag> : <Tag color="error">卡片与账簿不符：请检查是否有资产未建卡片或卡片登记有误</Tag>}
      </div>
    </Card>
  );
}

function AssetDetail({ asset: a }: { asset: Asset }) {
  const union = useUnion();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }}>
      <Descriptions.Item label="折旧方法">年限平均法，不留残值</Descriptions.Item>
      <Descriptions.Item label="来源">{a.origin === 'purchase' ? '购置' : '启用前已有'}</Descriptions.Item>
      <Descriptions.Item label="最近计提">{a.lastDepreciated ? periodLabel(a.lastDepreciated) : '尚未计提'}</Descriptions.Item>
      <Descriptions.Item label="科目">{`${a.accounts.asset} / ${a.accounts.fund} / ${a.accounts.depreciation}`}</Descriptions.Item>
      {a.voucherId && (
        <Descriptions.Item label="购置凭证">
          <Link to={`/u/${union.id}/vouchers/${a.voucherId}`}>查看凭证</Link>
        </Descriptions.Item>
      )}
      {a.claimId && (
        <Descriptions.Item label="报销单">
          <Link to={`/u/${union.id}/claims/${a.claimId}`}>查看报销单</Link>
        </Descriptions.Item>
      )}
      {a.disposal && (
        <Descriptions.Item label="处置">
          {`${DISPOSAL[a.disposal.kind]} ${a.disposal.date}，收入 ${formatMoney(a.disposal.proceeds)}${a.disposal.reason ? `，${a.disposal.reason}` : ''}`}
          {a.disposal.voucherId && (
            <>
              {' '}
              <Link to={`/u/${union.id}/vouchers/${a.disposal.voucherId}`}>处置凭证</Link>
            </>
          )}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [f, setF] = useState({ name: '', category: 'general' as Asset['category'], cost: '', usefulLifeMonths: '', acquisitionDate: '', openingDepreciation: '' });
  const { busy, error, refuse, run } = useAction();
  const create = async () => {
    const cost = parseAmountInput(f.cost);
    const dep = f.openingDepreciation.trim() ? parseAmountInput(f.openingDepreciation) : '0.00';
    if (!f.name.trim()) return refuse('请填写资产名称');
    if (!cost) return refuse('原值格式不正确（最多两位小数）');
    if (!/^\d{1,3}$/.test(f.usefulLifeMonths.trim())) return refuse('请填写使用年限（月数）');
    if (!f.acquisitionDate) return refuse('请填写取得日期');
    if (dep === null) return refuse('期初累计折旧格式不正确');
    const body = { name: f.name.trim(), category: f.category, cost, usefulLifeMonths: Number.parseInt(f.usefulLifeMonths, 10), acquisitionDate: f.acquisitionDate, openingDepreciation: dep };
    if (await run(() => call(api.POST('/api/unions/{unionId}/fixed-assets', { params: { path: { unionId: union.id } }, body })))) onDone();
  };
  const field = (key: keyof typeof f, label: string, props: object = {}) => (
    <label style={{ display: 'block' }}>
      {label}
      <Input value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <Modal open title="登记启用前已有的固定资产" okText="登记" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void create()} onCancel={onClose}>
      <p style={{ color: 'rgba(0,0,0,.45)' }}>启用后购置的资产在报销单付款记账时自动建卡片。启用前已有的资产，其原值、累计折旧应已录入期初余额（162/163）。</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        {field('name', '资产名称')}
        <label style={{ display: 'block' }}>
          类别
          <Select
            aria-label="类别"
            value={f.category}
            onChange={(category) => setF({ ...f, category })}
            style={{ width: '100%' }}
            options={[
              { value: 'general', label: '通用设备' },
              { value: 'special', label: '专用设备' },
            ]}
          />
        </label>
        {field('cost', '原值', { inputMode: 'decimal' })}
        {field('usefulLifeMonths', '使用年限（月）', { inputMode: 'numeric' })}
        {field('acquisitionDate', '取得日期', { type: 'date' })}
        {field('openingDepreciation', '截至启用时的累计折旧', { inputMode: 'decimal' })}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function DisposeDialog({ asset, onClose, onDone }: { asset: Asset; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [kind, setKind] = useState<'scrap' | 'sale' | 'donation'>('scrap');
  const [date, setDate] = useState('');
  const [proceeds, setProceeds] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, refuse, run } = useAction();
  const dispose = async () => {
    if (!date) return refuse('请填写处置日期');
    if (!reason.trim()) return refuse('请填写处置依据（批准情况）');
    const amount = proceeds.trim() ? parseAmountInput(proceeds) : null;
    if (proceeds.trim() && amount === null) return refuse('处置收入格式不正确（最多两位小数）');
    const body = { kind, date, reason: reason.trim(), ...(amount ? { proceeds: amount } : {}) };
    if (await run(() => call(api.POST('/api/unions/{unionId}/fixed-assets/{id}/dispose', { params: { path: { unionId: union.id, id: asset.id } }, body })))) onDone();
  };
  return (
    <Modal open title={`处置 ${asset.number} ${asset.name}`} okText="处置" cancelText="取消" okButtonProps={{ loading: busy, danger: true }} onOk={() => void dispose()} onCancel={onClose}>
      <p>
        原值 {formatMoney(asset.cost)}，累计折旧 {formatMoney(asset.accumulatedDepreciation)}，净值 {formatMoney(asset.bookValue)}。处置时系统生成并过账处置凭证（冲销原值与累计折旧；处置收入存入集中核算户）。
      </p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group aria-label="处置方式" value={kind} onChange={(e) => setKind(e.target.value)} options={Object.entries(DISPOSAL).map(([value, label]) => ({ value, label }))} />
        <label style={{ display: 'block' }}>
          处置日期
          <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label style={{ display: 'block' }}>
          处置收入（可不填）
          <Input inputMode="decimal" value={proceeds} onChange={(e) => setProceeds(e.target.value)} />
        </label>
        <label style={{ display: 'block' }}>
          处置依据
          <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** 注销: only a card not yet depreciated (entered in error); the reason goes to the audit log. */
function CancelDialog({ asset, onClose, onDone }: { asset: Asset; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const path = { unionId: union.id, id: asset.id };
  return (
    <ReasonDialog
      title={`注销卡片 ${asset.number} ${asset.name}`}
      okText="注销"
      intro="仅限尚未计提折旧、登记有误的卡片；注销不生成凭证。"
      label="注销原因"
      required="请填写注销原因"
      send={(reason) => call(api.POST('/api/unions/{unionId}/fixed-assets/{id}/cancel', { params: { path }, body: { reason } }))}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
