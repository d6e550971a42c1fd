import { newUnion } from '../support/builders';
import { attach, claimBody, claimUnion, pdf } from '../support/claims';
import { startTestApp, TestApp } from '../support/test-app';

/** Security headers on the real app: data never cached, documents never sniffed or shown inline, Swagger UI within the CSP. */
describe('HTTP security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers financial data and errors with no-store, nosniff and the content security policy', async () => {
    const ok = await t.http().get('/api/centers').expect(200);
    const refused = await t.anon().get('/api/centers').expect(401);
    for (const res of [ok, refused]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('serves a claim document as an attachment, nosniff, not cached', async () => {
    const p = await claimUnion(t, { funds: '1000.00' });
    const claimId = (await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(claimBody()).expect(201)).body.id as string;
    const doc = await attach(p.clerk, p.unionId, claimId, pdf(), { kind: 'other' }, '说明.pdf');
    expect(doc.status).toBe(201);
    const file = await p.clerk().get(`/api/unions/${p.unionId}/claims/${claimId}/attachments/${doc.body.id}`).expect(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
  });

  it('serves an export as an attachment, nosniff, not cached', async () => {
    const { id: unionId } = await newUnion(t);
    const file = await t
      .http()
      .get(`/api/unions/${unionId}/export`)
      .query({ kind: 'voucher-journal', from: '2026-01', to: '2026-01' })
      .buffer(true)
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('no-store');
  });

  it('serves Swagger UI with its scripts from our own origin only (the CSP allows no inline script)', async () => {
    const page = await t.anon().get('/docs').redirects(1).expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src=["'](?!https?:|\/\/)/);
      expect(body.trim()).toBe('');
    }
    await t.anon().get('/docs/swagger-ui-init.js').expect(200);
  });
});
