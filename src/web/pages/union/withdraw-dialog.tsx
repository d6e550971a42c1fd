import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { api, call } from '../../data/client';
import { useUnion } from '../../app/union-context';
import { todayInChina } from '../../ui/format';
import { showFieldErrors } from '../../ui/form-errors';

interface Values {
  reason: string;
  date: string;
  bankName?: string;
  accountName?: string;
  accountNo?: string;
  bankReference?: string;
}

/**
 * 退出集中核算 (the director): refused while claims, reservations or drafts are open (the server says which);
 * the shares' balances go in one payment to the union's own bank account, and the books become read-only.
 */
export function WithdrawDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const own = v.bankName?.trim() && v.accountName?.trim() && v.accountNo?.trim() ? { bankName: v.bankName.trim(), accountName: v.accountName.trim(), accountNo: v.accountNo.trim() } : undefined;
    try {
      await call(
        api.POST('/api/unions/{unionId}/withdraw', {
          params: { path: { unionId: union.id } },
          body: { reason: v.reason.trim(), date: v.date || undefined, ownAccount: own, bankReference: v.bankReference?.trim() || undefined },
        }),
      );
      onDone();
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${union.name} 退出集中核算`} okText="办理退出" okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onOk={() => void withdraw()} onCancel={onClose} destroyOnHidden>
      <p>须无未办结的报销、预留和凭证草稿。退出后，统一账户中本工会的余额一笔划入其自有账户（生成付款凭证），账簿只读，仍可查阅和导出。</p>
      <Form form={form} name="withdraw" layout="vertical" initialValues={{ date: todayInChina() }}>
        <Form.Item label="退出原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写退出原因' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label="退出凭证日期" name="date">
          <Input type="date" />
        </Form.Item>
        <p style={{ color: 'rgba(0,0,0,.45)' }}>余额划入的工会自有账户（份额有余额时必填）：</p>
        <Form.Item label="开户行" name="bankName">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="户名" name="accountName">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="账号" name="accountNo">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="划款银行流水号" name="bankReference" extra="用于银行对账">
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
