import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, messageOf } from '../../data/api-error';
import { session } from '../../data/session';
import { useMe } from '../../app/use-session';

/** 修改密码 — required at the first login (every other page waits until it is done), or when the user wants. */
export function PasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me.mustChangePassword;

  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await session.changePassword(v.currentPassword, v.newPassword);
      navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.fieldErrors.length ? e.fieldErrors.map((f) => f.message).join('；') : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {forced ? '首次登录，请修改初始密码' : '修改密码'}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）。新密码至少 10 个字符，不能包含用户名；修改后其他设备上的登录将失效。
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={forced ? '初始密码' : '当前密码'} name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 10, message: '新密码至少 10 个字符' },
              { validator: (_, v: string) => (v && v.toLowerCase().includes(me.username.toLowerCase()) ? Promise.reject(new Error('新密码不能包含用户名')) : Promise.resolve()) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v: string) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy}>
              修改密码
            </Button>
            {forced ? (
              <Button onClick={() => void session.logout().then(() => navigate('/login'))}>退出登录</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
          </div>
        </Form>
      </Card>
    </div>
  );
}
