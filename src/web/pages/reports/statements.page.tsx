import { Alert, Button, Card, Input, List, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, call } from '../../data/client';
import { useAction } from '../../data/use-action';
import { useApi } from '../../data/use-api';
import { canOnUnion } from '../../app/access';
import { useUnion } from '../../app/union-context';
import { useMe } from '../../app/use-session';
import { PageHeader } from '../../ui/page-header';
import { PageState } from '../../ui/page-state';
import { lastMonth } from './last-month';
import { useQueryState } from '../../ui/use-query-state';
import { ExportJobCard } from '../audit/export-job';
import { SignersDialog } from './signers-dialog';
import { StatementView } from './statement-view';

type Kind = 'balance-sheet' | 'income-expenditure';


function useStatementQuery() {
  const [q, setQ] = useQueryState({ kind: 'balance-sheet', mode: 'month', period: lastMonth(), year: lastMonth().slice(0, 4) });
  const query = q.mode === 'year' ? { year: q.year } : { period: q.period };
  return { q, setQ, query, kind: q.kind as Kind };
}

/** Which statement, monthly or annual, and which month or year: all kept in the address. */
function StatementPicker({ q, setQ }: ReturnType<typeof useStatementQuery>) {
  return (
    <Space wrap>
      <Segmented
        aria-label="报表"
        value={q.kind}
        onChange={(kind) => setQ({ kind: String(kind) })}
        options={[
          { value: 'balance-sheet', label: '01表 资产负债表' },
          { value: 'income-expenditure', label: '02表 收入支出表' },
        ]}
      />
      <Segmented aria-label="月报或年报" value={q.mode} onChange={(mode) => setQ({ mode: String(mode) })} options={[{ value: 'month', label: '月报' }, { value: 'year', label: '年报' }]} />
      {q.mode === 'year' ? (
        <Input type="number" aria-label="会计年度" min={2000} max={2100} value={q.year} onChange={(e) => /^\d{4}$/.test(e.target.value) && setQ({ year: e.target.value })} style={{ width: 110 }} />
      ) : (
        <Input type="month" aria-label="会计期间" value={q.period} onChange={(e) => e.target.value && setQ({ period: e.target.value })} style={{ width: 160 }} />
      )}
    </Space>
  );
}

/**
 * 会计报表 of one union: 工会01表 资产负债表 and 工会02表 收入支出表, monthly or annual, as the server computes
 * them; 下载 Excel starts the statements export (the form's layout, with 行次 and the signature row) and offers
 * the file when it is ready. (The PDF button is the print module's: `pdfButton`.)
 */
export function UnionStatementsPage({ pdfButton }: { pdfButton?: React.ReactNode } = {}) {
  const union = useUnion();
  const me = useMe();
  const sq = useStatementQuery();
  const { kind, query } = sq;
  const statement = useApi(
    () =>
      kind === 'balance-sheet'
        ? call(api.GET('/api/unions/{unionId}/statements/balance-sheet', { params: { path: { unionId: union.id }, query } }))
        : call(api.GET('/api/unions/{unionId}/statements/income-expenditure', { params: { path: { unionId: union.id }, query } })),
    [union.id, kind, query.period, query.year],
  );
  const [job, setJob] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const { busy, error, run } = useAction();
  const download = () =>
    run(async () => {
      const [from, to] = query.year ? [`${query.year}-01`, `${query.year}-12`] : [query.period!, query.period!];
      const started = await call(api.POST('/api/unions/{unionId}/exports', { params: { path: { unionId: union.id } }, body: { kind: 'statements', from, to } }));
      setJob(started.id);
    });
  return (
    <>
      <PageHeader
        title="会计报表"
        sub={union.name}
        extra={
          <>
            {canOnUnion(me, union, 'exports:create') && (
              <Button loading={busy} onClick={() => void download()}>
                下载 Excel
              </Button>
            )}
            {pdfButton}
            {canOnUnion(me, union, 'unions:manage') && <Button onClick={() => setSigning(true)}>签章人员</Button>}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <StatementPicker {...sq} />
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {job && (
        <Card title="报表导出" style={{ marginBottom: 16 }}>
          <ExportJobCard
            key={job}
            load={() => call(api.GET('/api/unions/{unionId}/exports/{id}', { params: { path: { unionId: union.id, id: job } } }))}
            fileUrl={`/api/unions/${union.id}/exports/${job}/file`}
          />
        </Card>
      )}
      <Card>
        <PageState loaded={statement}>{(s) => <StatementView statement={s} />}</PageState>
      </Card>
      {signing && <SignersDialog onClose={() => setSigning(false)} onDone={() => (setSigning(false), statement.reload())} />}
    </>
  );
}

/**
 * 汇总报表 of a center: the same statements summed over all its unions, with the unions whose month is not
 * closed (their figures are the current books) and those whose balance sheet does not balance.
 */
export function CenterStatementsPage() {
  const { centerId = '' } = useParams();
  const sq = useStatementQuery();
  const { kind, query } = sq;
  const statement = useApi(
    () =>
      kind === 'balance-sheet'
        ? call(api.GET('/api/centers/{centerId}/statements/balance-sheet', { params: { path: { centerId }, query } }))
        : call(api.GET('/api/centers/{centerId}/statements/income-expenditure', { params: { path: { centerId }, query } })),
    [centerId, kind, query.period, query.year],
  );
  return (
    <>
      <PageHeader title="汇总报表" sub={statement.data ? `${statement.data.entity} · ${statement.data.unions} 个工会` : undefined} />
      <Card style={{ marginBottom: 16 }}>
        <StatementPicker {...sq} />
      </Card>
      <PageState loaded={statement}>
        {(s) => (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            {s.notClosed.length > 0 && (
              <Card size="small" title={`尚未结账的工会（${s.notClosed.length}）`}>
                <p style={{ marginTop: 0 }}>这些工会的数字按当前账簿计算，结账后可能变化。</p>
                <List size="small" dataSource={s.notClosed} renderItem={(u) => <List.Item>{`${u.code} ${u.name}`}</List.Item>} />
              </Card>
            )}
            {s.notBalanced.length > 0 && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={`资产负债表不平衡的工会（${s.notBalanced.length}）`}
                description={s.notBalanced.map((u) => `${u.code} ${u.name}`).join('、')}
              />
            )}
            <Card>
              <StatementView statement={s} />
            </Card>
          </Space>
        )}
      </PageState>
    </>
  );
}
