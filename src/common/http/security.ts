import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The browser's policy for everything we serve. The web app (src/web, see the board) needs antd's injected
 * <style> ('unsafe-inline' styles only, never scripts), images and claim documents shown from blob: URLs, and
 * nothing from another origin; Swagger UI at /docs needs the same. `upgrade-insecure-requests` is left out: a
 * center may serve on plain HTTP inside its own network, and the directive would break every request there.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameSrc: ["'self'", 'blob:'],
    objectSrc: ["'self'", 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  },
};

/** Paths whose answers may be cached by the browser: the web app's shell and its hashed assets decide their own caching. */
const CACHEABLE = /^\/(?:$|assets\/|favicon|index\.html|docs(?:\/|$))/;

/**
 * Security headers on every answer (helmet: CSP, nosniff, frame and referrer policy…), `Cache-Control:
 * no-store` on everything that is data (API, health, metrics — financial figures must not sit in a shared
 * or disk cache), and CORS only for the origins configured (none by default: the web app is same-origin).
 */
export async function registerHttpSecurity(fastify: FastifyInstance, opts: { corsOrigins: string[] }): Promise<void> {
  await fastify.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginResourcePolicy: { policy: 'same-origin' } });
  if (opts.corsOrigins.length > 0) {
    await fastify.register(cors, {
      origin: opts.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'content-disposition', 'retry-after'],
      maxAge: 600,
    });
  }
  fastify.addHook('onSend', async (request, reply) => {
    if (!CACHEABLE.test(request.url) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}

/** CORS_ORIGINS: comma-separated origins (`https://ledger.example.cn,https://oa.example.cn`); empty = CORS off. */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}
