import { Alert, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { useAction } from '../data/use-action';

/**
 * A dialog that asks for a reason and runs one action with it (作废 a receipt or a batch): the reason is
 * required, the server's refusal shows in the dialog, and it closes only when the action succeeded.
 */
export function ReasonDialog({
  title,
  okText,
  note,
  run,
  onClose,
  onDone,
}: {
  title: string;
  okText: string;
  note?: ReactNode;
  run: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, refuse, run: send } = useAction();
  const ok = async () => {
    if (!reason.trim()) return refuse(`请填写${okText}原因`);
    if (await send(() => run(reason.trim()))) onDone();
  };
  return (
    <Modal open title={title} okText={okText} okButtonProps={{ danger: true, loading: busy }} cancelText="取消" onOk={() => void ok()} onCancel={onClose}>
      {note && <p>{note}</p>}
      <label>
        原因
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
