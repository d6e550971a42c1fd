import Fastify, { FastifyInstance } from 'fastify';
import { parseOrigins, registerHttpSecurity } from './security';

async function server(corsOrigins: string[]): Promise<FastifyInstance> {
  const f = Fastify();
  await registerHttpSecurity(f, { corsOrigins });
  f.post('/api/things', async () => ({ ok: true }));
  f.get('/assets/app-1a2b.js', async (_req, reply) => reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript').send('1'));
  f.get('/', async (_req, reply) => reply.type('text/html').send('<html></html>'));
  await f.ready();
  return f;
}

describe('HTTP security', () => {
  it('answers data with no-store and the headers, and leaves the web shell and its assets to their own caching', async () => {
    const f = await server([]);
    const api = await f.inject({ method: 'POST', url: '/api/things' });
    expect(api.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
    const csp = String(api.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-src 'self' blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect((await f.inject({ url: '/assets/app-1a2b.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await f.inject({ url: '/' })).headers['cache-control']).toBeUndefined();
    expect((await f.inject({ url: '/api/unknown' })).headers['cache-control']).toBe('no-store');
    await f.close();
  });

  it('keeps CORS off unless origins are configured, then allows exactly those', async () => {
    const preflight = (f: FastifyInstance, origin: string) =>
      f.inject({ method: 'OPTIONS', url: '/api/things', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const closed = await server([]);
    expect((await preflight(closed, 'https://oa.example.cn')).headers['access-control-allow-origin']).toBeUndefined();
    await closed.close();

    const open = await server(parseOrigins(' https://oa.example.cn , https://portal.example.cn'));
    const allowed = await preflight(open, 'https://oa.example.cn');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://oa.example.cn');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect((await preflight(open, 'https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    const simple = await open.inject({ method: 'POST', url: '/api/things', headers: { origin: 'https://portal.example.cn' } });
    expect(simple.headers['access-control-allow-origin']).toBe('https://portal.example.cn');
    expect(String(simple.headers['access-control-expose-headers'])).toContain('x-request-id');
    await open.close();
  });
});
