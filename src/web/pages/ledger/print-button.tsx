import { Alert, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { fetchBlob, saveBlob } from '../../data/client';

export type PrintLayout = 'a4' | 'paper';

/**
 * 打印: fetches the server's fixed-layout PDF (behind the login) and saves it, to print from any PDF viewer
 * at its true size; a refusal (nothing posted that month, a draft) shows the server's message.
 */
export function PrintButton({ url, fileName, label = '打印（PDF）', layouts = false, disabled, title }: { url: string; fileName: string; label?: string; layouts?: boolean; disabled?: boolean; title?: string }) {
  const [layout, setLayout] = useState<PrintLayout>('a4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const print = async () => {
    setBusy(true);
    setError(null);
    try {
      const withLayout = layouts ? `${url}${url.includes('?') ? '&' : '?'}layout=${layout}` : url;
      saveBlob(await fetchBlob(withLayout), fileName);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      {layouts && (
        <Select
          aria-label="打印版式"
          value={layout}
          onChange={(v: PrintLayout) => setLayout(v)}
          style={{ width: 170 }}
          options={[
            { value: 'a4', label: 'A4 每页两张' },
            { value: 'paper', label: '凭证纸 240×140' },
          ]}
        />
      )}
      <Button loading={busy} disabled={disabled} title={title} onClick={() => void print()}>
        {label}
      </Button>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Space>
  );
}
