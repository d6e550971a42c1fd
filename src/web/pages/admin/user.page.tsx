import { Alert, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ROLE_LABEL, ROLE_SCOPE, Roles, type Role } from '../../../auth/permissions';
import { messageOf } from '../../data/api-error';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { StatusTag, TemporaryPassword, type User } from './users.page';

type Grant = Schemas['GrantResponse'];

/**
 * One user: status, password reset, and grants. A grant the rules refuse (a cashier who is also the center's
 * accountant, 不相容职务) comes back with the server's explanation, shown as it is.
 */
export function UserPage() {
  const { userId = '' } = useParams();
  const location = useLocation();
  const user = useApi(() => call(api.GET('/api/users/{userId}', { params: { path: { userId } } })), [userId]);
  const [shown, setShown] = useState<User | null>(null);
  const [password, setPassword] = useState<string | null>((location.state as { temporaryPassword?: string } | null)?.temporaryPassword ?? null);
  const current = shown?.id === userId ? shown : user.data;
  const updated = (u: User) => {
    setShown(u);
    if (u.temporaryPassword) setPassword(u.temporaryPassword);
  };
  return (
    <>
      <PageHeader title={current ? `${current.displayName}（${current.username}）` : '用户'} sub="用户与授权" />
      {password && <TemporaryPassword password={password} />}
      <PageState loaded={user}>{() => current && <UserView user={current} onChange={updated} />}</PageState>
    </>
  );
}

function UserView({ user, onChange }: { user: User; onChange: (u: User) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const act = async (work: () => Promise<User>) => {
    setError(null);
    try {
      onChange(await work());
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const path = { params: { path: { userId: user.id } } };
  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Card
        title="账号"
        extra={
          <Space wrap>
            {user.status === 'active' ? (
              <Popconfirm title="停用后该用户不能再登录，已登录的会话随即失效。" okText="停用" cancelText="取消" onConfirm={() => act(() => call(api.POST('/api/users/{userId}/disable', path)))}>
                <Button danger>停用</Button>
              </Popconfirm>
            ) : (
              <Button onClick={() => void act(() => call(api.POST('/api/users/{userId}/enable', path)))}>启用</Button>
            )}
            <Button onClick={() => setResetting(true)}>重置密码</Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="状态">
            <StatusTag user={user} />
          </Descriptions.Item>
          <Descriptions.Item label="创建于">{formatDateTime(user.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="须修改密码">{user.mustChangePassword ? '是（下次登录时）' : '否'}</Descriptions.Item>
          {user.lockedUntil && <Descriptions.Item label="锁定至">{formatDateTime(user.lockedUntil)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Grants user={user} onChange={onChange} onError={setError} />
      {resetting && (
        <ResetPasswordDialog
          user={user}
          onClose={() => setResetting(false)}
          onDone={(u) => {
            setResetting(false);
            onChange(u);
          }}
        />
      )}
    </>
  );
}

function Grants({ user, onChange, onError }: { user: User; onChange: (u: User) => void; onError: (m: string | null) => void }) {
  const centers = useApi(() => call(api.GET('/api/centers')), []);
  const centerName = (id: string | null) => (id ? (centers.data?.find((c) => c.id === id)?.name ?? id) : '');
  const unionNames = useUnionNames(user.grants.flatMap((g) => (g.unionId ? [g.unionId] : [])));
  const remove = async (g: Grant) => {
    onError(null);
    try {
      onChange(await call(api.DELETE('/api/users/{userId}/grants/{grantId}', { params: { path: { userId: user.id, grantId: g.id } } })));
    } catch (e) {
      onError(messageOf(e));
    }
  };
  return (
    <Card title="授权" style={{ marginTop: 16 }}>
      <Table<Grant>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={user.grants}
        locale={{ emptyText: '尚无授权：该用户登录后什么也不能做' }}
        columns={[
          { title: '角色', dataIndex: 'role', render: (r: string) => ROLE_LABEL[r as Role] ?? r },
          { title: '范围', render: (_, g) => (g.unionId ? `工会：${unionNames[g.unionId] ?? g.unionId}` : g.centerId ? `核算中心：${centerName(g.centerId)}` : '全系统') },
          {
            title: '操作',
            render: (_, g) => (
              <Popconfirm title="收回这项授权？" okText="收回" cancelText="取消" onConfirm={() => remove(g)}>
                <Button size="small" danger>
                  收回
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <AddGrant user={user} centers={centers.data ?? []} onChange={onChange} onError={onError} />
    </Card>
  );
}

function AddGrant({ user, centers, onChange, onError }: { user: User; centers: Schemas['CenterResponse'][]; onChange: (u: User) => void; onError: (m: string | null) => void }) {
  const [role, setRole] = useState<Role | undefined>();
  const [scope, setScope] = useState<'center' | 'union'>('center');
  const [centerId, setCenterId] = useState<string | undefined>();
  const [unionId, setUnionId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const kind = role ? ROLE_SCOPE[role] : undefined;
  const target = kind === 'center-or-union' ? scope : kind;
  const add = async () => {
    if (!role) return onError('请选择角色');
    if (target === 'center' && !centerId) return onError('请选择核算中心');
    if (target === 'union' && !unionId) return onError('请选择工会');
    setBusy(true);
    onError(null);
    try {
      const body = { role, ...(target === 'center' ? { centerId } : target === 'union' ? { unionId } : {}) };
      onChange(await call(api.POST('/api/users/{userId}/grants', { params: { path: { userId: user.id } }, body })));
      setRole(undefined);
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }} onFinish={() => void add()}>
      <Form.Item label="角色" htmlFor="grant-role">
        <Select id="grant-role" aria-label="角色" value={role} onChange={setRole} style={{ width: 140 }} options={Roles.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} />
      </Form.Item>
      {kind === 'center-or-union' && (
        <Form.Item label="范围" htmlFor="grant-scope">
          <Select id="grant-scope" aria-label="范围" value={scope} onChange={setScope} style={{ width: 120 }} options={[{ value: 'center', label: '核算中心' }, { value: 'union', label: '一个工会' }]} />
        </Form.Item>
      )}
      {target === 'center' && (
        <Form.Item label="核算中心" htmlFor="grant-center">
          <Select id="grant-center" aria-label="核算中心" value={centerId} onChange={setCenterId} style={{ width: 260 }} options={centers.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
      )}
      {target === 'union' && (
        <Form.Item label="工会" htmlFor="grant-union">
          <UnionSelect value={unionId} onChange={setUnionId} />
        </Form.Item>
      )}
      <Form.Item>
        <Button htmlType="submit" type="primary" loading={busy}>
          授权
        </Button>
      </Form.Item>
    </Form>
  );
}

/** A union found by name or code (there may be thousands): asks the server as the admin types. */
function UnionSelect({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const [q, setQ] = useState('');
  const found = useApi(() => call(api.GET('/api/unions', { params: { query: { q: q || undefined, pageSize: 20 } } })), [q]);
  return (
    <Select
      id="grant-union"
      aria-label="工会"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={found.loading}
      style={{ width: 280 }}
      placeholder="输入名称或代码查找"
      options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))}
    />
  );
}

/** Names of the unions a user's grants point at (a few), asked one by one. */
function useUnionNames(ids: string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',') : []) {
      call(api.GET('/api/unions/{unionId}', { params: { path: { unionId: id } } })).then(
        (u) => live && setNames((n) => ({ ...n, [id]: u.name })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const reset = async () => {
    const body = password ? { newPassword: password } : {};
    await run(async () => onDone(await call(api.POST('/api/users/{userId}/reset-password', { params: { path: { userId: user.id } }, body }))));
  };
  return (
    <Modal open title={`重置 ${user.displayName} 的密码`} okText="重置" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void reset()} onCancel={onClose}>
      <p>重置后该用户的会话全部失效，下次登录须修改密码。</p>
      <label>
        新密码（不填则由系统生成）
        <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </label>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
