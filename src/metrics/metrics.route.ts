import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics on the service's own port, outside the API (no login, not in the OpenAPI document: it is
 * Prometheus' format, for a scraper). With METRICS_TOKEN set, the scraper must send it as a bearer token.
 * Also times every request for http_request_duration_seconds.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: MetricsService, token: string | undefined): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions?.url === '/metrics') return;
    metrics.request(request.method, request.routeOptions?.url, reply.statusCode, reply.elapsedTime / 1000);
  });
  fastify.get('/metrics', async (request, reply) => {
    if (token && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHENTICATED', message: '需要监控令牌（METRICS_TOKEN）', requestId: request.id });
    }
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.text());
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
