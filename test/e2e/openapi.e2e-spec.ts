import { readFileSync } from 'node:fs';
import { REQUEST_EXAMPLES } from '../../src/common/openapi/api-docs.decorators';
import { contractProblems } from '../../src/common/openapi/openapi.contract';
import { apiValidationPipe } from '../../src/common/validation/validation.pipe';
import { OPENAPI_PATH } from '../support/contract';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * docs/openapi.json is the contract clients are generated from: the running service serves exactly it, it
 * has what a generated client needs, and every request example in it is a request the API accepts.
 */
describe('the OpenAPI document as a contract', () => {
  let t: TestApp;
  let served: Record<string, unknown>;
  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.anon().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('the service serves exactly the committed docs/openapi.json', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const drift = `docs/openapi.json differs from what the service serves. After changing routes, DTOs or their decorators run \`npm run openapi\` and commit docs/openapi.json (review its diff: it is the API contract).`;
    expect({ drift, document: served }).toEqual({ drift, document: committed });
  });

  it('has a summary, description, tag, typed responses, documented errors and examples on every operation', () => {
    expect(contractProblems(served as never)).toEqual([]);
  });

  it('documents page and pageSize as integers, ids as UUIDs and paged lists with typed items', () => {
    const list = (served.paths as Record<string, Record<string, { parameters: { name: string; in: string; schema: Record<string, unknown> }[] }>>)['/api/unions/{unionId}/vouchers/{id}'].get;
    expect(list.parameters.find((p) => p.name === 'id')!.schema).toMatchObject({ type: 'string', format: 'uuid' });
    const vouchers = (served.paths as Record<string, Record<string, Record<string, unknown>>>)['/api/unions/{unionId}/vouchers'].get;
    const page = (vouchers.parameters as { name: string; schema: Record<string, unknown> }[]).find((p) => p.name === 'page')!;
    expect(page.schema).toMatchObject({ type: 'integer', minimum: 1 });
    expect(JSON.stringify(vouchers.responses)).toContain('#/components/schemas/VoucherSummaryResponse');
  });

  it('every request example passes the validation pipe of the API', async () => {
    expect(REQUEST_EXAMPLES.length).toBeGreaterThan(20);
    const pipe = apiValidationPipe();
    for (const example of REQUEST_EXAMPLES) {
      await expect(pipe.transform(structuredClone(example.value), { type: 'body', metatype: example.type })).resolves.toBeDefined();
    }
  });

  it('lists each error code under its own status, with the shared error schema', () => {
    const post = (served.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)['/api/unions/{unionId}/vouchers/{id}/post'].post;
    const conflict = JSON.stringify(post.responses['409']);
    expect(conflict).toContain('INSUFFICIENT_FUNDS');
    expect(conflict).toContain('#/components/schemas/ErrorResponse');
    expect(JSON.stringify(post.responses['422'])).toContain('VOUCHER_UNBALANCED');
    expect(post.responses['401']).toEqual({ $ref: '#/components/responses/Unauthenticated' });
  });
});
