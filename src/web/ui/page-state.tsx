import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../data/api-error';
import type { Loaded } from '../data/use-api';

/** What the user can do about an error, by its kind: the server's message says what went wrong. */
export function hintFor(error: ApiError): string | null {
  if (error.status === 0) return '请检查网络连接后点“重试”。';
  if (error.status === 404) return '请检查链接是否正确，或在页面顶部切换到您有权限的工会。';
  if (error.status === 403) return '如需办理，请联系有相应权限的同事或系统管理员。';
  if (error.status === 409) return '请刷新后查看最新状态再操作。';
  if (error.status >= 500) return `请稍后重试；如仍出错，请把请求编号${error.requestId ? ` ${error.requestId} ` : ''}告诉系统管理员。`;
  return null;
}

export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const hint = hintFor(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.message}
      description={hint}
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

/** The three states every page has before its content: loading, failed, and (optionally) empty. */
export function PageState<T>({
  loaded,
  empty,
  emptyText = '暂无数据',
  children,
}: {
  loaded: Loaded<T>;
  empty?: (data: T) => boolean;
  emptyText?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (loaded.error && loaded.data === undefined) {
    return <ErrorAlert error={loaded.error} onRetry={loaded.error.status === 404 ? undefined : loaded.reload} />;
  }
  if (loaded.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
        <Spin aria-label="正在加载" />
      </div>
    );
  }
  if (empty?.(loaded.data)) return <Empty description={emptyText} />;
  return <>{children(loaded.data)}</>;
}
