import { Alert, Button, Card, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ROLE_LABEL, type Role } from '../../../auth/permissions';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { useQueryState } from '../../ui/use-query-state';

export type User = Schemas['UserResponse'];
const PAGE_SIZE = 20;

export function StatusTag({ user }: { user: User }) {
  if (user.status === 'disabled') return <Tag color="default">已停用</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) return <Tag color="warning">暂时锁定</Tag>;
  return <Tag color="success">正常</Tag>;
}

/** 用户与授权: every user, searched by name, paged by the server; a new user gets a password shown once. */
export function UsersPage() {
  const navigate = useNavigate();
  const [q, setQ] = useQueryState({ q: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const list = useApi(() => call(api.GET('/api/users', { params: { query: { q: q.q || undefined, page, pageSize: PAGE_SIZE } } })), [q.q, page]);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="用户与授权"
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建用户
          </Button>
        }
      />
      <Card>
        <div role="search" style={{ marginBottom: 16 }}>
          <Input.Search aria-label="查找用户" placeholder="用户名或姓名" defaultValue={q.q} allowClear onSearch={(v) => setQ({ q: v.trim() })} style={{ maxWidth: 280 }} />
        </div>
        <PagedList<User>
          label="用户"
          loaded={list}
          rowKey={(u) => u.id}
          scrollX={720}
          href={(u) => `/admin/users/${u.id}`}
          empty="没有符合条件的用户"
          unit="人"
          paging={paging}
          columns={[
            { title: '用户名', dataIndex: 'username', render: (n: string, u) => <Link to={`/admin/users/${u.id}`}>{n}</Link> },
            { title: '姓名', dataIndex: 'displayName' },
            { title: '角色', render: (_, u) => [...new Set(u.grants.map((g) => ROLE_LABEL[g.role as Role] ?? g.role))].map((r) => <Tag key={r}>{r}</Tag>) },
            { title: '状态', render: (_, u) => <StatusTag user={u} /> },
            { title: '创建于', dataIndex: 'createdAt', render: formatDateTime },
          ]}
        />
      </Card>
      {creating && <CreateUserDialog onClose={() => setCreating(false)} onCreated={(u) => navigate(`/admin/users/${u.id}`, { state: { temporaryPassword: u.temporaryPassword } })} />}
    </>
  );
}

function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (u: User) => void }) {
  const [form] = Form.useForm<{ username: string; displayName: string; password?: string }>();
  const { busy, error, run } = useAction();
  const create = async () => {
    const v = await form.validateFields();
    const body = { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password || undefined };
    await run(async () => onCreated(await call(api.POST('/api/users', { body }))));
  };
  return (
    <Modal open title="新建用户" okText="创建" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void create()} onCancel={onClose}>
      <Form form={form} layout="vertical">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label="初始密码" extra="不填则由系统生成，只显示一次；用户首次登录须修改密码。">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

/** A password the server generated: shown once, to be handed to the person. */
export function TemporaryPassword({ password }: { password: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="初始密码（只显示这一次，请交给本人；首次登录须修改）"
      description={
        <Typography.Text copyable code aria-label="初始密码">
          {password}
        </Typography.Text>
      }
    />
  );
}
