/** An answer of the API that is not a success, as the app shows it: the server's Chinese message first. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Per-field problems of a VALIDATION_FAILED answer, if any. */
  get fieldErrors(): { field: string; message: string }[] {
    const errors = this.details?.errors;
    return Array.isArray(errors) ? (errors as { field: string; message: string }[]) : [];
  }
}

const BY_STATUS: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  401: '登录已失效，请重新登录',
  403: '您的角色不能执行此操作',
  404: '内容不存在，或不在您的授权范围内',
  409: '数据已被其他操作改变，请刷新后重试',
  413: '文件过大',
  429: '操作过于频繁，请稍后再试',
  500: '系统出错，请稍后重试；如仍出错请把请求编号告诉管理员',
  502: '服务暂不可用，请稍后重试',
  503: '服务暂不可用，请稍后重试',
};

/** Builds the error from a response body; a body that is not our error shape still gets a Chinese message. */
export function toApiError(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : (BY_STATUS[status] ?? BY_STATUS[status >= 500 ? 500 : 409]);
  return new ApiError(
    status,
    typeof b.code === 'string' ? b.code : `HTTP_${status}`,
    message,
    b.details && typeof b.details === 'object' ? (b.details as Record<string, unknown>) : undefined,
    typeof b.requestId === 'string' ? b.requestId : undefined,
  );
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', BY_STATUS[0]);
}

/** What to tell the user about any failure (an ApiError's message, or a generic line). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作未完成，请重试';
}
