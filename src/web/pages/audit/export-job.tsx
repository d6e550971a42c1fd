import { Alert, Button, Descriptions, Progress, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../../data/api-error';
import { fetchBlob, saveBlob, type Schemas } from '../../data/client';
import { EXPORT_LABEL, type ExportKind } from '../../../exports/export-labels';
import { formatDateTime, periodLabel } from '../../ui/format';
import { ErrorAlert } from '../../ui/page-state';

export type ExportJob = Schemas['ExportJobResponse'];

const STATE: Record<string, { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '正在导出', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
  expired: { label: '已过期', color: 'default' },
};

export function exportLabel(kind: string): string {
  return kind === 'center-pack' ? '中心资料包' : (EXPORT_LABEL[kind as ExportKind] ?? kind);
}

/** "1.2 MB" */
function size(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An export job as it runs: asked again every second until it is done or failed, so the progress bar moves;
 * when done, the file is fetched with the session's token and saved under its own name.
 */
export function ExportJobCard({ load, fileUrl }: { load: () => Promise<ExportJob>; fileUrl: string }) {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await load();
        if (!live) return;
        setJob(j);
        setError(null);
        if (j.state === 'queued' || j.state === 'running') timer = setTimeout(() => void poll(), 1000);
      } catch (e) {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', messageOf(e)));
        // a network hiccup is not the end of the job: try again a little later
        if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) timer = setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // the job is fixed by fileUrl (it names the job)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fileUrl]);

  const download = async () => {
    if (!job) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      saveBlob(await fetchBlob(fileUrl), job.fileName ?? 'export.xlsx');
    } catch (e) {
      setDownloadError(messageOf(e));
    } finally {
      setDownloading(false);
    }
  };

  if (error && !job) return <ErrorAlert error={error} />;
  if (!job) return <Progress percent={0} status="active" aria-label="导出进度" />;
  const state = STATE[job.state] ?? { label: job.state, color: 'default' };
  return (
    <div aria-live="polite">
      <Progress
        percent={job.state === 'done' ? 100 : job.percent}
        status={job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active'}
        aria-label="导出进度"
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label="内容">{exportLabel(job.kind)}</Descriptions.Item>
        <Descriptions.Item label="期间">
          {periodLabel(job.from)} 至 {periodLabel(job.to)}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={state.color}>{state.label}</Tag>
          {job.rowsTotal !== null && job.state !== 'done' && (
            <span>
              {job.rowsDone} / {job.rowsTotal} 行
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="发起">
          {job.createdBy} {formatDateTime(job.createdAt)}
        </Descriptions.Item>
        {job.state === 'done' && (
          <>
            <Descriptions.Item label="文件">
              {job.fileName}（{size(job.fileSize)}）
            </Descriptions.Item>
            <Descriptions.Item label="保留至">{formatDateTime(job.expiresAt)}</Descriptions.Item>
            <Descriptions.Item label="SHA-256">
              <code style={{ wordBreak: 'break-all' }}>{job.sha256}</code>
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {job.state === 'failed' && <Alert type="error" showIcon role="alert" title={`导出失败：${job.error ?? '原因不明'}`} description="请重新发起导出；如仍失败，请联系系统管理员。" />}
      {job.state === 'expired' && <Alert type="warning" showIcon title="文件已过保留期并已删除，请重新导出。" />}
      {job.state === 'done' && (
        <Button type="primary" loading={downloading} onClick={() => void download()}>
          下载
        </Button>
      )}
      {downloadError && <Alert type="error" showIcon role="alert" title={downloadError} style={{ marginTop: 12 }} />}
    </div>
  );
}
