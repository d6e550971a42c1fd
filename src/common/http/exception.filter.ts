import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translateDatabaseError } from '../../database/database-errors';
import { DomainError } from '../errors/domain-error';
import { statusOf } from './error-status';

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/**
 * Maps every failure to `{ code, message, details?, requestId }` once, for the whole API. Domain errors keep
 * their code; database errors are translated by constraint or SQLSTATE; framework errors (unknown route,
 * malformed JSON) get generic codes; anything else is a logged 500 that reveals nothing of its cause.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const requestId = String(request?.id ?? '');
    const [status, body] = this.toResponse(exception);
    if (status === 503) {
      // the database is down or restarting: worth a retry in a few seconds; logged once per request, briefly
      void reply.header('retry-after', '5');
      request.log.warn({ code: body.code, cause: (exception as Error)?.message }, 'database unavailable');
    } else if (status >= 500) {
      request.log.error({ err: exception }, 'unhandled error');
    }
    void reply.status(status).send({ ...body, requestId });
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    const domain = exception instanceof DomainError ? exception : translateDatabaseError(exception);
    if (domain) {
      const body: ErrorBody = { code: domain.code, message: domain.message };
      if (domain.details) body.details = domain.details;
      return [statusOf(domain.code), body];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return [status, { code: httpCode(status), message: httpMessage(status, exception.message) }];
    }
    const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return [fastifyStatus, { code: httpCode(fastifyStatus), message: httpMessage(fastifyStatus, String((exception as Error).message)) }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: '系统内部错误，请联系管理员并提供请求编号' }];
  }
}

function httpCode(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status === 403) return 'FORBIDDEN';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'VALIDATION_FAILED';
}

function httpMessage(status: number, original: string): string {
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '请求内容过大';
  if (status === 415) return '请求的内容类型不受支持，请使用 application/json';
  if (status === 503) return '服务暂时不可用（数据库无法访问），请稍后重试';
  if (status === 400 && /JSON/i.test(original)) return '请求体不是有效的 JSON';
  return original;
}
