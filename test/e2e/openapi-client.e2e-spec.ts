import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as ts from 'typescript';
import { newUnion, postVoucher } from '../support/builders';
import { OPENAPI_PATH } from '../support/contract';
import { startTestApp, TestApp } from '../support/test-app';


/** Inside node_modules so that the client's imports resolve as they would in the web app. */
const DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'union-ledger-openapi-client');

/**
 * What an integrator (and our own web app) does: generate TypeScript types from docs/openapi.json with
 * openapi-typescript, call the API through openapi-fetch, and let the compiler check each call. The
 * `@ts-expect-error` lines prove the types are strict: each must be an error, or compilation fails.
 */
const USAGE = `
import createClient from 'openapi-fetch';
import type { components, paths } from './api';

type VoucherSummary = components['schemas']['VoucherSummaryResponse'];
type Client = ReturnType<typeof createClient<paths>>;

export async function run(baseUrl: string, token: string, unionId: string) {
  const api: Client = createClient<paths>({ baseUrl, headers: { authorization: 'Bearer ' + token } });

  // a paged list: typed query parameters, typed page and items
  const listed = await api.GET('/api/unions/{unionId}/vouchers', {
    params: { path: { unionId }, query: { page: 2, pageSize: 1, status: 'posted' } },
  });
  if (!listed.data) throw new Error('list failed: ' + JSON.stringify(listed.error));
  const total: number = listed.data.total;
  const first: VoucherSummary = listed.data.items[0];
  const displayNumber: string | null = first.displayNumber;

  // a voucher: amounts are strings, lines are typed
  const voucher = await api.GET('/api/unions/{unionId}/vouchers/{id}', { params: { path: { unionId, id: first.id } } });
  if (!voucher.data) throw new Error('get failed');
  const totalDebit: string = voucher.data.totalDebit;
  const accounts: string[] = voucher.data.lines.map((l) => l.account);

  // a new draft with a typed body
  const created = await api.POST('/api/unions/{unionId}/vouchers', {
    params: { path: { unionId } },
    body: { date: '2026-01-20', lines: [{ summary: '收会费', account: '10201', debit: '8.00' }, { summary: '收会费', account: '401', credit: '8.00' }] },
  });
  const createdStatus: string | undefined = created.data?.status ?? created.error?.code;

  // an error: its code is one of the codes documented for the operation
  const again = await api.POST('/api/unions/{unionId}/vouchers/{id}/post', { params: { path: { unionId, id: first.id } } });
  let errorCode: string | undefined;
  let requestId: string | undefined;
  if (again.error) {
    const code = again.error.code;
    if (code === 'VOUCHER_NOT_DRAFT' || code === 'INSUFFICIENT_FUNDS') errorCode = code;
    requestId = again.error.requestId;
    const message: string = again.error.message;
    void message;
  }
  return { total, displayNumber, totalDebit, accounts, createdStatus, errorCode, requestId, status: again.response.status };
}

export async function strictness(api: Client, unionId: string) {
  // @ts-expect-error page is an integer, not a string
  void api.GET('/api/unions/{unionId}/vouchers', { params: { path: { unionId }, query: { page: '2' } } });
  // @ts-expect-error amounts are strings, never numbers
  void api.POST('/api/unions/{unionId}/vouchers', { params: { path: { unionId } }, body: { date: '2026-01-20', lines: [{ summary: 'x', account: '10201', debit: 8 }] } });
  // @ts-expect-error the path parameter is required
  void api.GET('/api/unions/{unionId}/vouchers', {});
  // @ts-expect-error there is no such route
  void api.GET('/api/no-such-route');
  const failed = await api.POST('/api/unions/{unionId}/vouchers/{id}/post', { params: { path: { unionId, id: unionId } } });
  if (failed.error) {
    // @ts-expect-error the error body has no such field
    void failed.error.reason;
    // @ts-expect-error posting a voucher never answers with an export's code
    if (failed.error.code === 'EXPORT_EXPIRED') return;
  }
}
`;

describe('a TypeScript client generated from docs/openapi.json', () => {
  let t: TestApp;
  let unionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    unionId = (await newUnion(t)).id;
    for (const day of ['05', '06']) {
      await postVoucher(t, unionId, `2026-01-${day}`, [
        { account: '10201', debit: '12.50' },
        { account: '401', credit: '12.50' },
      ]);
    }
    mkdirSync(DIR, { recursive: true });
    // the CLI, as the web app's build runs it (the package is ESM, which jest's CommonJS cannot load)
    execFileSync(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), OPENAPI_PATH, '-o', join(DIR, 'api.d.ts')], { stdio: 'pipe' });
    writeFileSync(join(DIR, 'usage.ts'), USAGE);
  });
  afterAll(() => t.close());

  it('type-checks list with paging, a voucher and an error, and refuses wrong types', () => {
    const program = ts.createProgram([join(DIR, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('works against the running service', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const js = ts.transpileModule(USAGE, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    writeFileSync(join(DIR, 'usage.js'), js.outputText);
    const token = (await t.login(t.staff.bookkeeper.username, t.staff.bookkeeper.password)).accessToken;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const usage = require(join(DIR, 'usage.js')) as { run: (url: string, token: string, unionId: string) => Promise<Record<string, unknown>> };
    const result = await usage.run(`http://127.0.0.1:${port}`, token, unionId);
    expect(result).toMatchObject({
      total: 2,
      displayNumber: '记-202601-0002',
      totalDebit: '12.50',
      accounts: ['10201', '401'],
      createdStatus: 'draft',
      errorCode: 'VOUCHER_NOT_DRAFT',
      status: 409,
    });
    expect(result.requestId).toEqual(expect.any(String));
  });
});
