import { Alert, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { messageOf } from '../data/api-error';

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (!reason.trim()) return setError(`请填写${okText}原因`);
    setBusy(true);
    setError(null);
    try {
      await run(reason.trim());
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
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
