import { Alert, Button, Card, Form, Input, List, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { messageOf } from '../../data/api-error';
import { api, call, fetchBlob, saveBlob, type Schemas } from '../../data/client';
import { useApi } from '../../data/use-api';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { currentPeriod } from '../../ui/period-range';

type Pkg = Schemas['ArchivePackageResponse'];
type Verification = Schemas['ArchiveVerificationResponse'];

const SCOPE: Record<string, string> = { month: '月度归档', year: '年度归档', all: '全部数据移交' };
const STATE: Record<string, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '生成中', color: 'processing' },
  done: { label: '已归档', color: 'success' },
  failed: { label: '失败', color: 'error' },
};
const CLASS: Record<string, string> = {
  vouchers: '会计凭证',
  books: '会计账簿',
  'monthly-report': '月度报告',
  'annual-report': '年度报告',
  bank: '银行对账',
  register: '保管清册',
  other: '其他',
};

/** The signature states the 四性 check reports, in words (the API gives codes). */
const SIGNATURE: Record<Verification['authenticity']['signature'] | Verification['authenticity']['checkpoint'], string> = {
  valid: '有效',
  invalid: '无效（内容被改动或密钥不符）',
  missing: '缺失',
  absent: '缺失',
};

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 会计档案: the union's archive register (every package, newest first, with its hash and retention), making a
 * package of a closed month or year, the whole hand-over, download, and the 四性 check of a stored package.
 */
export function ArchivePage() {
  const union = useUnion();
  const me = useMe();
  const manage = canOnUnion(me, union, 'archive:manage');
  const list = useApi(() => call(api.GET('/api/unions/{unionId}/archives', { params: { path: { unionId: union.id } } })), [union.id]);
  const [checked, setChecked] = useState<{ pkg: Pkg; result: Verification } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = list.data?.some((p) => p.state === 'queued' || p.state === 'running');
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(list.reload, 1500);
    return () => clearTimeout(timer);
  }, [pending, list]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const path = (id: string) => ({ params: { path: { unionId: union.id, id } } });
  const download = (p: Pkg) => act(async () => saveBlob(await fetchBlob(`/api/unions/${union.id}/archives/${p.id}/file`), p.fileName ?? `${p.id}.zip`));
  const verify = (p: Pkg) => act(async () => setChecked({ pkg: p, result: await call(api.GET('/api/unions/{unionId}/archives/{id}/verification', path(p.id))) }));

  return (
    <>
      <PageHeader title="会计档案" sub={`${union.name}　已结账的月份、年度归档为签名的档案包；重新归档生成新版本，旧版本保留`} />
      {manage && <ArchiveForm unionId={union.id} onMade={list.reload} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      <Card title="档案登记簿" style={{ marginTop: 16 }}>
        <PageState loaded={list}>
          {(rows) => (
            <Table<Pkg>
              rowKey="id"
              size="small"
              dataSource={rows}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: '还没有档案包' }}
              columns={[
                { title: '范围', render: (_, p) => SCOPE[p.scope] ?? p.scope },
                { title: '期间', render: (_, p) => (p.from === p.to ? p.from : `${p.from} 至 ${p.to}`) },
                { title: '版本', dataIndex: 'version' },
                { title: '状态', render: (_, p) => <Tag color={STATE[p.state]?.color}>{STATE[p.state]?.label ?? p.state}</Tag> },
                { title: '文件', render: (_, p) => (p.state === 'done' ? `${p.itemCount} 个，${size(p.fileSize)}` : (p.error ?? '')) },
                { title: 'SHA-256', render: (_, p) => (p.sha256 ? <code title={p.sha256}>{p.sha256.slice(0, 12)}…</code> : '') },
                { title: '保管期限', render: (_, p) => p.retention.map((r) => `${CLASS[r.class] ?? r.class} ${r.until ? `至 ${r.until}` : '永久'}`).join('；') },
                { title: '生成', render: (_, p) => `${p.createdBy} ${formatDateTime(p.createdAt)}` },
                {
                  title: '操作',
                  render: (_, p) =>
                    p.state === 'done' && (
                      <Space>
                        <Button size="small" onClick={() => void download(p)}>
                          下载
                        </Button>
                        <Button size="small" onClick={() => void verify(p)}>
                          校验
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
      <Modal open={checked !== null} title="档案包四性检测" footer={null} onCancel={() => setChecked(null)} width={720}>
        {checked && <VerificationView result={checked.result} />}
      </Modal>
    </>
  );
}

function ArchiveForm({ unionId, onMade }: { unionId: string; onMade: () => void }) {
  const [scope, setScope] = useState<'month' | 'year'>('month');
  const [period, setPeriod] = useState(currentPeriod());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onMade();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const make = () => run(() => call(api.POST('/api/unions/{unionId}/archives', { params: { path: { unionId } }, body: { scope, period } })));
  const handover = () =>
    Modal.confirm({
      title: '全部数据移交',
      content: '把本工会全部期间（含未结账的）的账簿资料打成一个档案包，交给工会。确定生成？',
      okText: '生成',
      cancelText: '取消',
      onOk: () => run(() => call(api.POST('/api/unions/{unionId}/archives/handover', { params: { path: { unionId } } }))),
    });
  return (
    <Card>
      <Form layout="inline" onFinish={() => void make()} style={{ rowGap: 12 }}>
        <Form.Item label="范围" htmlFor="archive-scope">
          <Select
            id="archive-scope"
            aria-label="归档范围"
            value={scope}
            onChange={(s) => {
              setScope(s);
              setPeriod(s === 'year' ? currentPeriod().slice(0, 4) : currentPeriod());
            }}
            options={[
              { value: 'month', label: '月度（已结账的月份）' },
              { value: 'year', label: '年度（已年终结账）' },
            ]}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item label="期间" htmlFor="archive-period">
          <Input id="archive-period" aria-label="归档期间" value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder={scope === 'year' ? 'YYYY' : 'YYYY-MM'} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              归档
            </Button>
            <Button onClick={handover} disabled={busy}>
              全部数据移交
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}

function Verdict({ ok }: { ok: boolean }) {
  return ok ? <Tag color="success">通过</Tag> : <Tag color="error">不通过</Tag>;
}

function VerificationView({ result: r }: { result: Verification }) {
  return (
    <div aria-live="polite">
      {r.ok ? (
        <Alert type="success" showIcon title="档案包通过四性检测：签名有效，登记的每个文件都在且未被改动，文件可打开，没有不安全的条目。" />
      ) : (
        <Alert type="error" showIcon role="alert" title="档案包未通过检测：请保留现场，并把下列问题交给档案管理员和中心主任。" />
      )}
      <List
        size="small"
        style={{ marginTop: 12 }}
        dataSource={[
          ['真实性', r.authenticity.ok, `元数据签名${SIGNATURE[r.authenticity.signature]}，检查点签名${SIGNATURE[r.authenticity.checkpoint]}，${r.authenticity.trusted ? '本中心密钥' : '密钥未核对或不受信任'}`],
          ['完整性', r.integrity.ok, `登记 ${r.integrity.listed} 个文件，在包内 ${r.integrity.present} 个`],
          ['可用性', r.usability.ok, r.usability.unreadable.length ? `无法打开：${r.usability.unreadable.join('、')}` : '文件均可打开'],
          ['安全性', r.security.ok, r.security.unsafe.length ? `不安全：${r.security.unsafe.join('、')}` : '无越界路径和不允许的类型'],
          ['登记簿', r.register.matches, r.register.matches ? 'zip 的 SHA-256 与登记一致' : 'zip 的 SHA-256 与登记不符'],
        ] as [string, boolean, string][]}
        renderItem={([name, ok, text]) => (
          <List.Item>
            <Space>
              <strong>{name}</strong>
              <Verdict ok={ok} />
              <span>{text}</span>
            </Space>
          </List.Item>
        )}
      />
      {r.problems.length > 0 && (
        <List size="small" header={<strong>发现的问题</strong>} dataSource={r.problems} renderItem={(p) => <List.Item>{p}</List.Item>} style={{ marginTop: 12 }} />
      )}
    </div>
  );
}
