import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';

/** The service serves the built web app at `/` without shadowing the API, its documents or health. */
describe('web app hosting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ul-web-'));
  const script = 'console.log("工会");\n'.repeat(50);
  let t: TestApp;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets/index-AbC123xy.js'), script);
    writeFileSync(join(dir, 'assets/index-AbC123xy.js.br'), brotliCompressSync(script));
    t = await startTestApp({ web: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets with a year-long immutable cache, pre-compressed when the browser accepts it', async () => {
    const plain = await t.anon().get('/assets/index-AbC123xy.js').set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.text).toBe(script);

    const br = await t.anon().get('/assets/index-AbC123xy.js').set('accept-encoding', 'br, gzip').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
  });

  it('answers index.html, revalidated, at / and on client routes', async () => {
    for (const path of ['/', '/u/0193a1b2-0000-7000-8000-000000000000/claims/abc', '/approvals?x=1']) {
      const res = await t.anon().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('never shadows /api, /docs or /health, and does not answer a missing file with the page', async () => {
    const unknownApi = await t.anon().get('/api/no-such-route');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body.code).toBe('NOT_FOUND');

    expect((await t.anon().get('/api/unions')).status).toBe(401);
    const docs = await t.anon().get('/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toBeDefined();
    expect((await t.anon().get('/health')).body.status).toBeDefined();
    for (const path of ['/docs-nope/x', '/health/nope/deeper', '/metrics/x', '/favicon.ico', '/assets/missing-123.js']) {
      const res = await t.anon().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/json/);
    }
  });
});

describe('web app hosting before the app is built', () => {
  let t: TestApp;
  const empty = mkdtempSync(join(tmpdir(), 'ul-web-empty-'));
  beforeAll(async () => (t = await startTestApp({ web: empty })));
  afterAll(async () => {
    await t.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('says how to build it instead of a bare 404', async () => {
    const res = await t.anon().get('/');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build:web');
    expect((await t.anon().get('/api/no-such-route')).status).toBe(404);
  });
});
