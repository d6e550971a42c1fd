import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { messageOf } from '../data/api-error';
import { session } from '../data/session';
import { useSessionState } from './use-session';

/**
 * The login ran out while the user was working: they log in again here, over the page, and what they were
 * doing (a half-entered voucher, the request that found the login gone) carries on.
 */
export function ReloginModal() {
  const state = useSessionState();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (state.status !== 'expired') return null;
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await session.resume(password);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="登录已过期" closable={false} mask={{ closable: false }} footer={null} destroyOnHidden>
      <p>为保护账务安全，登录已过期。请输入密码继续，当前页面填写的内容不会丢失。</p>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="用户名">
          <Input value={state.user.username} disabled />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          <Button onClick={() => session.abandon()}>退出登录</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            继续
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
