import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is acting: recorded as preparer, poster, closer. */
export interface Actor {
  name: string;
}

/**
 * Until authentication lands (issue 3) the actor is whatever the client names in `X-Actor`; the seam is
 * here so that controllers and services already pass the principal explicitly.
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const header = request.headers['x-actor'];
  const raw = Array.isArray(header) ? header[0] : header;
  const name = raw ? decodeHeader(raw).trim().slice(0, 64) : '';
  return { name: name || 'anonymous' };
});

/** Headers arrive as latin1: accept percent-encoded or raw UTF-8 names. */
function decodeHeader(raw: string): string {
  try {
    const decoded = decodeURIComponent(raw);
    return /[\u0080-\u00ff]/.test(decoded) ? Buffer.from(decoded, 'latin1').toString('utf8') : decoded;
  } catch {
    return Buffer.from(raw, 'latin1').toString('utf8');
  }
}
