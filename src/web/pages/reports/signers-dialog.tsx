import { Alert, Input, Modal, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { useUnion } from '../../app/union-context';

type Signers = Schemas['SignersResponse'];
const FIELDS: [keyof Signers, string][] = [
  ['legalRepresentative', '单位负责人'],
  ['accountingHead', '主管会计工作负责人'],
  ['accountingBodyHead', '会计机构负责人'],
];

/** The three names a union's statements are signed with (kept per union, printed on every 01表/02表). */
export function SignersDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const union = useUnion();
  const loaded = useApi(() => call(api.GET('/api/unions/{unionId}/statement-signers', { params: { path: { unionId: union.id } } })), [union.id]);
  const [names, setNames] = useState<Record<keyof Signers, string>>({ legalRepresentative: '', accountingHead: '', accountingBodyHead: '' });
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (loaded.data) setNames({ legalRepresentative: loaded.data.legalRepresentative ?? '', accountingHead: loaded.data.accountingHead ?? '', accountingBodyHead: loaded.data.accountingBodyHead ?? '' });
  }, [loaded.data]);
  const save = async () => {
    const body = Object.fromEntries(FIELDS.map(([k]) => [k, names[k].trim()]).filter(([, v]) => v));
    if (await run(() => call(api.PUT('/api/unions/{unionId}/statement-signers', { params: { path: { unionId: union.id } }, body })))) onDone();
  };
  return (
    <Modal open title="报表签章人员" okText="保存" cancelText="取消" okButtonProps={{ loading: busy }} onOk={() => void save()} onCancel={onClose}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {FIELDS.map(([key, label]) => (
          <label key={key} style={{ display: 'block' }}>
            {label}
            <Input maxLength={50} value={names[key]} onChange={(e) => setNames({ ...names, [key]: e.target.value })} />
          </label>
        ))}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
