import { Alert, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useAction } from '../data/use-action';

/**
 * A step that needs a reason for the audit log (反结账, 反结转, 注销…): the reason is required, the request runs
 * once at a time and the server's message is shown in the dialog.
 */
export function ReasonDialog({
  title,
  okText,
  intro,
  label = '原因',
  required = '请填写原因',
  send,
  onClose,
  onDone,
}: {
  title: string;
  okText: string;
  intro: ReactNode;
  label?: string;
  required?: string;
  send: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, refuse, run } = useAction();
  const submit = async () => {
    if (!reason.trim()) return refuse(required);
    if (await run(() => send(reason.trim()))) onDone();
  };
  return (
    <Modal open title={title} okText={okText} okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onOk={() => void submit()} onCancel={onClose}>
      <p>{intro}</p>
      <label>
        {label}
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
