import { Alert, Button, Card, Form, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { messageOf } from '../../data/api-error';
import { api, call } from '../../data/client';
import { EXPORT_LABEL, ExportKinds, type ExportKind } from '../../../exports/export-labels';
import { useUnion } from '../../app/union-context';
import { PageHeader } from '../../ui/page-header';
import { currentPeriod, PeriodRange } from '../../ui/period-range';
import { useQueryState } from '../../ui/use-query-state';
import { ExportJobCard } from './export-job';
import { InterchangeDownloads } from './interchange-downloads';

const KIND_OPTIONS = [...ExportKinds].reverse().map((k) => ({ value: k, label: EXPORT_LABEL[k] }));

/** The months of this year so far: what an auditor asks for most. */
function defaultRange() {
  const to = currentPeriod();
  return { from: `${to.slice(0, 4)}-01`, to };
}

/**
 * 导出账表: an auditor (or accountant, director) picks what and which months, starts the job and watches it; the
 * job is kept in the address (?job=), so a reload or a link shows the same job, and its file is downloaded here.
 */
export function UnionExportsPage() {
  const union = useUnion();
  const [q, setQ] = useQueryState({ ...defaultRange(), kind: 'audit-pack', job: '' });
  const start = () =>
    call(
      api.POST('/api/unions/{unionId}/exports', {
        params: { path: { unionId: union.id } },
        body: { kind: q.kind as ExportKind, from: q.from, to: q.to },
      }),
    );
  return (
    <>
      <PageHeader title="导出账表" sub={union.name} />
      <ExportForm from={q.from} to={q.to} onRange={setQ} start={start} onStarted={(job) => setQ({ job })}>
        <Form.Item label="导出内容" htmlFor="export-kind">
          <Select id="export-kind" aria-label="导出内容" value={q.kind} options={KIND_OPTIONS} onChange={(kind) => setQ({ kind, job: undefined })} style={{ width: 220 }} />
        </Form.Item>
      </ExportForm>
      {q.job && (
        <Card title="导出任务" style={{ marginTop: 16 }}>
          <ExportJobCard
            key={q.job}
            load={() => call(api.GET('/api/unions/{unionId}/exports/{id}', { params: { path: { unionId: union.id, id: q.job } } }))}
            fileUrl={`/api/unions/${union.id}/exports/${q.job}/file`}
          />
        </Card>
      )}
      <InterchangeDownloads unionId={union.id} unionCode={union.code} from={q.from} to={q.to} />
    </>
  );
}

/** 中心资料包: every union of the center, one workbook each, with a summary, in one zip. */
export function CenterExportsPage() {
  const { centerId = '' } = useParams();
  const [q, setQ] = useQueryState({ ...defaultRange(), job: '' });
  const start = () => call(api.POST('/api/centers/{centerId}/exports', { params: { path: { centerId } }, body: { from: q.from, to: q.to } }));
  return (
    <>
      <PageHeader title="中心资料包" sub="本中心全部工会的审计资料（每个工会一个工作簿）和汇总表，打成一个 zip" />
      <ExportForm from={q.from} to={q.to} onRange={setQ} start={start} onStarted={(job) => setQ({ job })} />
      {q.job && (
        <Card title="导出任务" style={{ marginTop: 16 }}>
          <ExportJobCard
            key={q.job}
            load={() => call(api.GET('/api/centers/{centerId}/exports/{id}', { params: { path: { centerId, id: q.job } } }))}
            fileUrl={`/api/centers/${centerId}/exports/${q.job}/file`}
          />
        </Card>
      )}
    </>
  );
}

function ExportForm({
  from,
  to,
  onRange,
  start,
  onStarted,
  children,
}: {
  from: string;
  to: string;
  onRange: (r: { from?: string; to?: string; job?: string }) => void;
  start: () => Promise<{ id: string }>;
  onStarted: (jobId: string) => void;
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onStarted((await start()).id);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <Form layout="inline" onFinish={() => void submit()} style={{ rowGap: 12 }}>
        {children}
        <Form.Item label="期间">
          <PeriodRange from={from} to={to} onChange={(r) => onRange({ ...r, job: undefined })} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            开始导出
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}
