import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../data/api-error';
import { fetchBlob, saveBlob } from '../../data/client';

type Kind = 'gbt24589' | 'journal';

const LABEL: Record<Kind, string> = { gbt24589: '国标数据接口（GB/T 24589）', journal: '纯文本日记账（hledger）' };

/**
 * 数据接口: the months chosen above, for other software — the national-standard XML (zip with its schema and
 * 格式说明文件) or the plain-text journal. Both come straight back as files.
 */
export function InterchangeDownloads({ unionId, unionCode, from, to }: { unionId: string; unionCode: string; from: string; to: string }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (kind: Kind) => {
    setBusy(kind);
    setError(null);
    try {
      const blob = await fetchBlob(`/api/unions/${unionId}/interchange/${kind}?from=${from}&to=${to}`);
      saveBlob(blob, kind === 'gbt24589' ? `GBT24589-${unionCode}-${from}-${to}.zip` : `${unionCode}-${from}-${to}.journal`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title="数据接口" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        按上面选择的期间导出给其他软件：国标数据接口为 zip（公共档案.xml、总账.xml、XML Schema 和格式说明文件）；纯文本日记账可用 hledger 核对科目余额。
      </Typography.Paragraph>
      <Space wrap>
        {(Object.keys(LABEL) as Kind[]).map((k) => (
          <Button key={k} loading={busy === k} disabled={busy !== null && busy !== k} onClick={() => void download(k)}>
            {LABEL[k]}
          </Button>
        ))}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}
