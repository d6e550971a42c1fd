import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translateDatabaseError } from '../../database/database-errors';
import { DomainError } from '../errors/domain-error';
import { ErrorCode, statusOf } from './error-status';
import { MAX_JSON_BYTES } from './json-body';

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/**
 * Maps every failure to `{ code, message, details?, requestId }` once, for the whole API. Domain errors keep
 * their code; database errors are translated by constraint or SQLSTATE; framework errors (unknown route,
 * malformed JSON, too large, wrong content type, rate limits) get stable codes and Chinese messages, with the
 * framework's English in `details.messageEn`; anything else is a logged 500 that reveals nothing of its cause.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const requestId = String(request?.id ?? '');
    const [status, body] = this.toResponse(exception);
    if (status >= 500) {
      request.log.error({ err: exception }, 'unhandled error');
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && !reply.getHeader('retry-after')) void reply.header('retry-after', String(retryAfter));
    void reply.status(status).send({ ...body, requestId });
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    const domain = exception instanceof DomainError ? exception : (translateDatabaseError(exception) ?? frameworkError(exception));
    if (domain) {
      const body: ErrorBody = { code: domain.code, message: domain.message };
      if (domain.details) body.details = domain.details;
      return [statusOf(domain.code), body];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: '系统内部错误，请联系管理员并提供请求编号' }];
  }
}

class FrameworkError extends DomainError<ErrorCode> {}

/** A client error raised by Nest or Fastify (not by our code), as a coded error; null for anything else. */
function frameworkError(exception: unknown): FrameworkError | null {
  const status = exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const messageEn = String((exception as Error).message);
  const details = { messageEn };
  switch (status) {
    case 401:
      return new FrameworkError('UNAUTHENTICATED', '请先登录', details);
    case 403:
      return new FrameworkError('FORBIDDEN', '您没有执行此操作的权限', details);
    case 404:
      return new FrameworkError('NOT_FOUND', '请求的资源不存在', details);
    case 413:
      return new FrameworkError('PAYLOAD_TOO_LARGE', `请求内容过大（JSON 请求最大 ${MAX_JSON_BYTES / 1024 / 1024} MB）`, details);
    case 415:
      return new FrameworkError('UNSUPPORTED_MEDIA_TYPE', '请求的内容类型不受支持：请使用 application/json（上传附件用 multipart/form-data）', details);
    case 429:
      return new FrameworkError('TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试', details);
    default: {
      const json = /JSON|FST_ERR_CTP/i.test(`${messageEn} ${String((exception as { code?: unknown }).code ?? '')}`);
      return new FrameworkError('VALIDATION_FAILED', json ? '请求内容不是有效的 JSON' : '请求不正确', details);
    }
  }
}
