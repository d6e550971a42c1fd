import { Alert, Button, Card, Form, Radio, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, call, type Schemas } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnCenter } from '../../app/access';
import { useMe } from '../../app/use-session';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';

type Settings = Schemas['BooksSettingsDto'];

/**
 * 结转与预算设置 of a center (the director's): month-end closing every month or only in December, and the budget
 * control at a claim's approval and review — off, warn (shown in the claim's rule results) or block (refused
 * with the figures).
 */
export function BooksSettingsPage() {
  const { centerId = '' } = useParams();
  const me = useMe();
  const loaded = useApi(() => call(api.GET('/api/centers/{centerId}/books-settings', { params: { path: { centerId } } })), [centerId]);
  // what the user changed, over what the server holds: never a copy made after the answer arrives, which a click
  // landing between the answer and that copy lost (the radio snapped back and the old value was saved)
  const [edited, setEdited] = useState<Partial<Settings>>({});
  const value: Settings | null = loaded.data ? { closingMode: loaded.data.closingMode, budgetControl: loaded.data.budgetControl, ...edited } : null;
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const editable = canOnCenter(me, centerId, 'books:configure');
  const change = (part: Partial<Settings>) => (setSaved(false), setEdited((e) => ({ ...e, ...part })));
  const save = async () => {
    if (!value) return;
    setSaved(false);
    if (await run(() => call(api.PUT('/api/centers/{centerId}/books-settings', { params: { path: { centerId } }, body: value })))) {
      setSaved(true);
      loaded.reload();
    }
  };
  return (
    <>
      <PageHeader title="结转与预算设置" />
      <PageState loaded={loaded}>
        {(s) => (
          <Card>
            <Form layout="vertical" disabled={!editable}>
              <Form.Item label="期末结转" extra="每月结账时把收入、支出结转至本年收支结转/结余；或只在 12 月结账时结转（各月报表按未结转列示）。">
                <Radio.Group
                  aria-label="期末结转"
                  value={value?.closingMode}
                  onChange={(e) => change({ closingMode: e.target.value })}
                  options={[
                    { value: 'monthly', label: '每月结转' },
                    { value: 'yearly', label: '年末结转' },
                  ]}
                />
              </Form.Item>
              <Form.Item label="预算控制" extra="主席审批和中心审核报销时检查支出科目的预算：提示（在审核结果中列出）或禁止超预算。">
                <Radio.Group
                  aria-label="预算控制"
                  value={value?.budgetControl}
                  onChange={(e) => change({ budgetControl: e.target.value })}
                  options={[
                    { value: 'off', label: '不检查' },
                    { value: 'warn', label: '超预算提示' },
                    { value: 'block', label: '禁止超预算' },
                  ]}
                />
              </Form.Item>
            </Form>
            <Space direction="vertical" style={{ width: '100%' }}>
              <span style={{ color: 'rgba(0,0,0,.45)' }}>{s.updatedAt ? `最近修改：${formatDateTime(s.updatedAt)}` : '尚未设置，使用默认：每月结转、不检查预算。'}</span>
              {editable && (
                <Button type="primary" loading={busy} onClick={() => void save()}>
                  保存设置
                </Button>
              )}
              {saved && <Alert type="success" showIcon role="status" title="设置已保存" />}
              {error && <Alert type="error" showIcon role="alert" title={error} />}
            </Space>
          </Card>
        )}
      </PageState>
    </>
  );
}
