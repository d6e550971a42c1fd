import { Alert, Button, Card, Descriptions, List, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, messageOf, toApiError } from '../../data/api-error';
import { session } from '../../data/session';
import { useUnion } from '../../app/union-context';
import { formatMoney } from '../../money/money';
import { PageHeader } from '../../ui/page-header';

type Summary = Record<string, number | string | string[]>;

const LABELS: Record<string, string> = {
  accounts: '新增明细科目',
  projects: '新增项目',
  openingBalances: '期初余额条数',
  vouchers: '导入并记账的凭证',
  closedPeriods: '已结账月份',
  debit: '借方合计',
  credit: '贷方合计',
};

/** The summary's amounts (decimal strings from the server), shown as money like everywhere else. */
const AMOUNTS = new Set(['debit', 'credit']);

/**
 * 数据导入 (center accountant): a GB/T 24589 file of this system into a union with no books yet, or the 期初余额
 * and detail accounts from another package's Excel. Each is all or nothing; a refusal lists every problem.
 */
export function InterchangeImportPage() {
  const union = useUnion();
  return (
    <>
      <PageHeader title="数据导入" sub={union.name} />
      <Uploader
        title="从其他软件导入期初余额（Excel）"
        hint="第一张工作表含“科目编码、科目名称、方向、期初余额”列（表头上方可有标题行）。本工会没有的明细科目按上级科目新增；末级科目的期初余额整体替换现有期初余额；上级科目行须等于其下级合计。任何一行有错都不导入，并逐行列出。已有过账凭证后不能导入。"
        accept=".xlsx,.csv"
        url={`/api/unions/${union.id}/interchange/opening-sheet`}
      />
      <Uploader
        title="导入国标数据接口文件（GB/T 24589）"
        hint="本系统“导出账表 → 数据接口”得到的 zip，或其他财务软件按 GB/T 24589 导出的 zip / XML（UTF-8、GB18030、GBK 编码，科目编码须为 3-2-2-2），导入到尚未记账、启用期间与文件起始期间相同的工会：科目、项目、期初余额、全部凭证（凭证号不变）和结账状态。整份校验，有任何错误则不导入任何数据，并指出文件、行号和元素。"
        accept=".zip,.xml"
        url={`/api/unions/${union.id}/interchange/gbt24589`}
      />
    </>
  );
}

function Uploader({ title, hint, accept, url }: { title: string; hint: string; accept: string; url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Summary | null>(null);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);
  const upload = async () => {
    const file = input.current?.files?.[0];
    if (!file) return setError({ message: '请先选择文件', problems: [] });
    const data = new FormData();
    data.append('file', file, file.name);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = await session.fetch(new Request(url, { method: 'POST', body: data }));
      const body = await res.json().catch(() => null);
      if (!res.ok) throw toApiError(res.status, body);
      setResult(body as Summary);
    } catch (e) {
      const problems = e instanceof ApiError && Array.isArray(e.details?.problems) ? (e.details.problems as (string | { message: string })[]) : [];
      setError({ message: messageOf(e), problems: problems.map((p) => (typeof p === 'string' ? p : p.message)) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={title} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <input ref={input} type="file" accept={accept} aria-label={title} />
      <Button type="primary" loading={busy} onClick={() => void upload()} style={{ marginLeft: 12 }}>
        导入
      </Button>
      {result && (
        <Descriptions size="small" column={2} style={{ marginTop: 16 }} title="已导入">
          {Object.entries(result).map(([k, v]) => (
            <Descriptions.Item key={k} label={LABELS[k] ?? k}>
              {Array.isArray(v) ? v.join('、') || '无' : AMOUNTS.has(k) && typeof v === 'string' ? formatMoney(v) : v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.message}
          description={error.problems.length > 1 ? <List size="small" dataSource={error.problems} renderItem={(p) => <List.Item>{p}</List.Item>} /> : undefined}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}
