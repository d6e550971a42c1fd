import { Alert, Button, Checkbox, Select, Space } from 'antd';
import { PagedList, urlPaging } from '../../ui/paged-list';
import { useRef, useState } from 'react';
import { api, call, type Schemas } from '../../data/client';
import { uploadFile } from '../../data/upload';
import { useApi } from '../../data/use-api';
import { yuan } from '../../money/money';
import { formatDateTime } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';
import { useQueryState } from '../../ui/use-query-state';
import { RowProblems, useFileImport } from './row-problems';
import { StatementFormatDialog } from './statement-format-dialog';

type ImportResult = Schemas['ImportResultResponse'];
type Line = Schemas['BankStatementLineResponse'];
type Imported = Schemas['StatementImportResponse'];
const PAGE_SIZE = 50;

/**
 * 对账单: import the bank's file (.xlsx or .csv, GBK or UTF-8) with a saved column format or the common
 * headers; a refused file changes nothing and its problems are listed row by row, in the server's words.
 * Below: the imports, and the lines in the bank's order (only the unmatched ones, if asked).
 */
export function StatementsView({ centerId, accountId, operate }: { centerId: string; accountId: string; operate: boolean }) {
  const [q, setQ] = useQueryState({ unmatched: '', page: '1' });
  const paging = urlPaging(q.page, setQ, PAGE_SIZE);
  const page = paging.page;
  const path = { centerId, id: accountId };
  const formats = useApi(() => call(api.GET('/api/centers/{centerId}/statement-formats', { params: { path: { centerId } } })), [centerId]);
  const imports = useApi(() => call(api.GET('/api/centers/{centerId}/bank-accounts/{id}/statements', { params: { path, query: { page: 1, pageSize: 10 } } })), [centerId, accountId]);
  const lines = useApi(
    () =>
      call(
        api.GET('/api/centers/{centerId}/bank-accounts/{id}/statement-lines', {
          params: { path, query: { page, pageSize: PAGE_SIZE, unmatched: q.unmatched ? 'true' : undefined } },
        }),
      ),
    [centerId, accountId, page, q.unmatched],
  );
  const file = useRef<HTMLInputElement>(null);
  const [formatId, setFormatId] = useState<string | undefined>(undefined);
  const { busy, result, refused, send } = useFileImport<ImportResult>(file);
  const [addingFormat, setAddingFormat] = useState(false);

  const importFile = async (f: File | undefined) => {
    if (!f) return;
    await send(
      () => uploadFile<ImportResult>(`/api/centers/${centerId}/bank-accounts/${accountId}/statements`, f, formatId ? { formatId } : {}),
      () => {
        imports.reload();
        lines.reload();
      },
    );
  };

  return (
    <>
      {operate && (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
          <Select
            aria-label="对账单格式"
            allowClear
            placeholder="按常见表头识别"
            value={formatId}
            onChange={setFormatId}
            loading={formats.loading}
            options={(formats.data ?? []).map((f) => ({ value: f.id, label: `${f.bankName} · ${f.name}` }))}
            style={{ width: 260 }}
          />
          <input ref={file} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" style={{ display: 'none' }} aria-label="选择对账单文件" onChange={(e) => void importFile(e.target.files?.[0])} />
          <Button onClick={() => setAddingFormat(true)}>新建格式</Button>
          <Button type="primary" loading={busy} onClick={() => file.current?.click()}>
            导入对账单
          </Button>
          <span style={{ color: 'rgba(0,0,0,.45)' }}>.xlsx 或 .csv；已导入过的流水自动跳过，导入后自动勾对</span>
        </div>
      )}
      {result && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          title={`已导入 ${result.statement.fileName}：新增 ${result.statement.newLines} 笔流水，跳过已导入的 ${result.duplicates} 笔`}
          description={`自动勾对 ${result.matched.confirmed} 笔；${result.matched.proposed ? `${result.matched.proposed} 笔可信度低，待您在“勾对”页确认` : '没有待确认的勾对'}。`}
        />
      )}
      {refused && <RowProblems refused={refused} />}
      <h3>导入记录</h3>
      {imports.error && <ErrorAlert error={imports.error} onRetry={imports.reload} />}
      <PagedList<Imported>
        label="导入记录"
        rowKey={(s) => s.id}
        size="small"
        loading={imports.loading}
        items={imports.data?.items}
        scrollX={720}
        unit="份"
        empty="尚未导入对账单"
        columns={[
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '日期范围', key: 'range', width: 200, render: (_, s) => `${s.firstDate} 至 ${s.lastDate}` },
          { title: '行数 / 新增', key: 'count', width: 110, render: (_, s) => `${s.lineCount} / ${s.newLines}` },
          { title: '导入', key: 'by', width: 220, render: (_, s) => `${s.importedByName} ${formatDateTime(s.importedAt)}` },
        ]}
      />
      <Space style={{ margin: '16px 0 8px' }}>
        <h3 style={{ margin: 0 }}>银行流水</h3>
        <Checkbox checked={!!q.unmatched} onChange={(e) => setQ({ unmatched: e.target.checked ? '1' : '' })}>
          只看未勾对
        </Checkbox>
      </Space>
      <PagedList<Line>
        label="银行流水"
        rowKey={(l) => l.id}
        size="small"
        loaded={lines}
        scrollX={900}
        unit="笔"
        paging={paging}
        empty={q.unmatched ? '没有未勾对的流水' : '没有流水'}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '收入', dataIndex: 'amountIn', width: 120, align: 'right', render: (v: string) => (v === '0.00' ? '' : yuan(v)) },
          { title: '支出', dataIndex: 'amountOut', width: 120, align: 'right', render: (v: string) => (v === '0.00' ? '' : yuan(v)) },
          { title: '余额', dataIndex: 'balance', width: 140, align: 'right', render: (v: string) => yuan(v) },
          { title: '对方', dataIndex: 'counterpartName', ellipsis: true },
          { title: '流水号', dataIndex: 'reference', width: 160, ellipsis: true },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
          { title: '勾对', dataIndex: 'matchId', width: 80, render: (m: string | null) => (m ? '已勾对' : '未勾对') },
        ]}
      />
      {addingFormat && (
        <StatementFormatDialog
          centerId={centerId}
          onClose={() => setAddingFormat(false)}
          onDone={(f) => {
            setAddingFormat(false);
            formats.reload();
            setFormatId(f.id);
          }}
        />
      )}
    </>
  );
}
