import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
export const CLIENT_FILE = join(ROOT, 'src/web/data/openapi.d.ts');

/** openapi-typescript over an OpenAPI document, as `npm run api:client` runs it over docs/openapi.json. */
export function generateClient(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ul-openapi-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'out.d.ts')], {
      stdio: 'pipe',
    });
    return readFileSync(join(dir, 'out.d.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The web app's API client is generated from the service's own OpenAPI document and committed. Regenerating it
 * from what the service serves now must give the committed file: an API change that the app has not taken up
 * fails here (run `npm run api:client`, then fix what no longer type-checks with `npm run typecheck`).
 * UPDATE_API_CLIENT=1 rewrites the file from the served document instead.
 */
describe('the web app API client', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('is what openapi-typescript makes of the current /docs-json', async () => {
    const res = await t.anon().get('/docs-json');
    expect(res.status).toBe(200);
    const generated = generateClient(res.body);
    if (process.env.UPDATE_API_CLIENT === '1') writeFileSync(CLIENT_FILE, generated);
    expect(readFileSync(CLIENT_FILE, 'utf8')).toBe(generated);
  });
});
