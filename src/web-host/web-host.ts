import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths the web app never answers for: the API, its documents, health and metrics keep their own 404s. */
export const SERVICE_PREFIXES = ['/api', '/docs', '/health', '/metrics'] as const;

/** Hashed build output (Vite names files by content): cached for a year; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** dist-web/ beside the package.json of this checkout, whether we run from src/ (tests) or dist/src/ (npm start). */
export function defaultWebDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist-web');
}

export function isServicePath(url: string): boolean {
  const path = url.split('?')[0];
  return SERVICE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`));
}

/**
 * Serves the built web app (Vite's dist-web/) at `/`: its files, pre-compressed where the build wrote .br/.gz,
 * and index.html for any other GET that is not a service path and does not name a file (client routes such
 * as /u/…/claims/…). Unknown service paths fall through to Nest's JSON 404.
 */
export async function serveWebApp(fastify: FastifyInstance, dir: string): Promise<void> {
  const index = join(dir, 'index.html');
  const built = existsSync(index);
  if (built) {
    await fastify.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: false,
      preCompressed: true,
      cacheControl: false,
      globIgnore: ['**/*.gz', '**/*.br', '**/.build.json'],
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.startsWith(join(dir, 'assets')) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  const page = built ? readFileSync(index) : Buffer.from(NOT_BUILT);
  const fallback = async (request: FastifyRequest, reply: FastifyReply) => {
    const last = request.url.split('?')[0].split('/').pop() ?? '';
    if (isServicePath(request.url) || last.includes('.')) return reply.callNotFound();
    return reply
      .status(built ? 200 : 503)
      .header('cache-control', REVALIDATE)
      .type('text/html; charset=utf-8')
      .send(page);
  };
  fastify.get('/', fallback);
  fastify.get('/*', fallback);
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>工会经费集中核算</title>
<p>网页端尚未构建。请在项目目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建）后刷新本页。</p></html>`;
