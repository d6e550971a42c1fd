import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/page-state';

type Account = Schemas['AccountResponse'];
type Project = Schemas['ProjectResponse'];
type Node = Account & { children?: Node[] };

const CATEGORY: Record<string, string> = { asset: '资产', liability: '负债', net_assets: '净资产', income: '收入', expense: '支出' };

/** The accounts as the tree the codes make (parent before child in the server's order). */
function tree(accounts: Account[]): Node[] {
  const byCode = new Map<string, Node>();
  const roots: Node[] = [];
  for (const a of accounts) {
    const node: Node = { ...a };
    byCode.set(a.code, node);
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * 会计科目: the union's chart, folded by level, searchable by code or name; the accountant adds 明细科目 under a
 * standard account, renames or retires their own, and keeps the 专项 projects.
 */
export function AccountsPage() {
  const union = useUnion();
  const me = useMe();
  const manage = canOnUnion(me, union, 'chart:manage');
  const accounts = useApi(() => call(api.GET('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } } })), [union.id]);
  const projects = useApi(() => call(api.GET('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } } })), [union.id]);
  const [text, setText] = useState('');
  const [adding, setAdding] = useState<Account | null>(null);
  const [addingProject, setAddingProject] = useState(false);
  const { error, run } = useAction();

  const shown = useMemo(() => {
    const all = [...(accounts.data ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    const q = text.trim().toLowerCase();
    if (!q) return tree(all);
    return all.filter((a) => a.code.startsWith(q) || a.path.toLowerCase().includes(q));
  }, [accounts.data, text]);

  const setActive = async (a: Account, active: boolean) => {
    const path = { unionId: union.id, code: a.code };
    if (await run(() => call(api.PATCH('/api/unions/{unionId}/accounts/{code}', { params: { path }, body: { active } })))) accounts.reload();
  };

  return (
    <>
      <PageHeader title="会计科目" sub={union.name} extra={<Input.Search aria-label="查找科目" placeholder="科目编码或名称" allowClear onChange={(e) => setText(e.target.value)} style={{ width: 220 }} />} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card>
        {accounts.error && <ErrorAlert error={accounts.error} onRetry={accounts.reload} />}
        <Table<Node>
          rowKey="code"
          size="small"
          loading={accounts.loading}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{ expandRowByClick: false, indentSize: 20 }}
          locale={{ emptyText: '没有符合条件的科目' }}
          columns={[
            { title: '编码', dataIndex: 'code', width: 180 },
            { title: '名称', dataIndex: 'name', render: (n: string, a) => (text ? a.path : n) },
            { title: '类别', dataIndex: 'category', width: 80, render: (c: string) => CATEGORY[c] ?? c },
            { title: '余额方向', dataIndex: 'normalSide', width: 90, render: (s: string) => (s === 'debit' ? '借' : '贷') },
            {
              title: '',
              width: 90,
              render: (_, a) => (
                <Space size={4}>
                  {a.standard ? <Tag>标准</Tag> : <Tag color="blue">自设</Tag>}
                  {!a.active && <Tag color="default">停用</Tag>}
                </Space>
              ),
            },
            ...(manage
              ? [
                  {
                    title: '操作',
                    width: 180,
                    render: (_: unknown, a: Account) => (
                      <Space size={4}>
                        {a.active && (
                          <Button size="small" onClick={() => setAdding(a)} aria-label={`在 ${a.code} 下增设明细科目`}>
                            增设明细
                          </Button>
                        )}
                        {a.leaf &&
                          (a.active ? (
                            <Popconfirm title="停用后不能再记入该科目；有余额的科目不能停用。" okText="停用" cancelText="取消" onConfirm={() => setActive(a, false)}>
                              <Button size="small">停用</Button>
                            </Popconfirm>
                          ) : (
                            <Button size="small" onClick={() => void setActive(a, true)}>
                              启用
                            </Button>
                          ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title="专项项目"
        style={{ marginTop: 16 }}
        extra={
          manage && (
            <Button size="small" onClick={() => setAddingProject(true)}>
              新增项目
            </Button>
          )
        }
      >
        {projects.error && <ErrorAlert error={projects.error} onRetry={projects.reload} />}
        <Table<Project>
          rowKey="code"
          size="small"
          loading={projects.loading}
          dataSource={projects.data}
          pagination={false}
          locale={{ emptyText: '尚无专项项目' }}
          columns={[
            { title: '项目编码', dataIndex: 'code', width: 180 },
            { title: '项目名称', dataIndex: 'name' },
            { title: '状态', dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>) },
          ]}
        />
      </Card>
      {adding && <AddAccountDialog parent={adding} onClose={() => setAdding(null)} onDone={() => (setAdding(null), accounts.reload())} />}
      {addingProject && <AddProjectDialog onClose={() => setAddingProject(false)} onDone={() => (setAddingProject(false), projects.reload())} />}
    </>
  );
}

function AddAccountDialog({ parent, onClose, onDone }: { parent: Account; onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [suffix, setSuffix] = useState('');
  const [name, setName] = useState('');
  const { busy, error, refuse, run } = useAction();
  const add = async () => {
    if (!/^\d{2}$/.test(suffix)) return refuse('明细编码为两位数字，如 01');
    if (!name.trim()) return refuse('请填写科目名称');
    const body = { parentCode: parent.code, code: `${parent.code}${suffix}`, name: name.trim() };
    if (await run(() => call(api.POST('/api/unions/{unionId}/accounts', { params: { path: { unionId: union.id } }, body })))) onDone();
  };
  return (
    <Modal open title={`在 ${parent.code} ${parent.name} 下增设明细科目`} okText="增设" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void add()} onCancel={onClose}>
      <Form layout="vertical">
        <Form.Item label="科目编码" htmlFor="account-suffix" extra="上级编码加两位">
          <Input id="account-suffix" addonBefore={parent.code} maxLength={2} value={suffix} onChange={(e) => setSuffix(e.target.value.trim())} />
        </Form.Item>
        <Form.Item label="科目名称" htmlFor="account-name">
          <Input id="account-name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

function AddProjectDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const add = async () => {
    if (await run(() => call(api.POST('/api/unions/{unionId}/projects', { params: { path: { unionId: union.id } }, body: { code: code.trim(), name: name.trim() } })))) onDone();
  };
  return (
    <Modal open title="新增专项项目" okText="新增" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void add()} onCancel={onClose}>
      <Form layout="vertical">
        <Form.Item label="项目编码" htmlFor="project-code">
          <Input id="project-code" placeholder="P2026-01" value={code} onChange={(e) => setCode(e.target.value)} />
        </Form.Item>
        <Form.Item label="项目名称" htmlFor="project-name">
          <Input id="project-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
