import { ROLE_PERMISSIONS, Role } from '../../src/auth/permissions';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { attach, claimBody, pdf } from '../support/claims';
import { Http, startTestApp, TestApp } from '../support/test-app';

interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: string;
}

/** The ids a route's path is filled with; `{id}` is the claim, export or voucher the path names. */
interface Ids {
  unionId: string;
  centerId?: string;
  voucherId: string;
  claimId?: string;
  exportId?: string;
  attachmentId?: string;
}

const MARK = 'B-SECRET';

/**
 * The isolation matrix, generated from the OpenAPI route table (each operation names its permission as
 * x-permission): for every route and every role held over center A or union A1, the same call with union
 * B's ids answers 404 and never carries B's data; on A1 itself a role without the route's permission gets
 * 403; the auditor's writes are refused everywhere.
 */
describe('tenant isolation matrix', () => {
  let t: TestApp;
  let routes: Route[];
  const A = { centerId: '', unionId: '', voucherId: '', claimId: '', exportId: '', attachmentId: '' };
  const B: { centerId: string; unionId: string; voucherId: string; draftId: string } = { centerId: '', unionId: '', voucherId: '', draftId: '' };
  const users = {} as Record<string, { role: Role; http: Http }>;

  beforeAll(async () => {
    t = await startTestApp();
    const spec = (await t.anon().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method: method as Route['method'], path, permission: op['x-permission'] ?? 'MISSING' })),
    );

    A.centerId = (await newCenter(t)).id;
    A.unionId = (await newUnion(t, { centerId: A.centerId })).id;
    A.voucherId = (await postVoucher(t, A.unionId, '2026-01-05', [{ account: '10201', debit: '5.00' }, { account: '402', credit: '5.00' }])).id;

    B.centerId = (await newCenter(t)).id;
    const b = await t.http().post('/api/unions').send({ centerId: B.centerId, code: `${MARK}-1`, name: `${MARK} 工会`, chartTemplate: 'grassroots', firstPeriod: '2026-01' }).expect(201);
    B.unionId = b.body.id;
    await t.http().post(`/api/unions/${B.unionId}/accounts`).send({ parentCode: '50106', code: '5010601', name: `${MARK} 明细` }).expect(201);
    await t.http().post(`/api/unions/${B.unionId}/projects`).send({ code: 'P01', name: `${MARK} 项目` }).expect(201);
    B.voucherId = (await postVoucher(t, B.unionId, '2026-01-05', [{ account: '10201', debit: '7.00', summary: `${MARK} 摘要` }, { account: '402', credit: '7.00', summary: `${MARK} 摘要` }])).id;
    B.draftId = (await postVoucher(t, B.unionId, '2026-01-06', [{ account: '10201', debit: '1.00', summary: `${MARK} 草稿` }, { account: '402', credit: '1.00' }], { post: false })).id;

    const make = async (key: string, role: Role, scope: { centerId?: string; unionId?: string }) => {
      users[key] = { role, http: (await t.userWith([{ role, ...scope }], key)).http };
    };
    await make('director', 'director', { centerId: A.centerId });
    await make('accountant', 'accountant', { centerId: A.centerId });
    await make('cashier', 'cashier', { centerId: A.centerId });
    await make('center-auditor', 'auditor', { centerId: A.centerId });
    await make('chair', 'chair', { unionId: A.unionId });
    await make('clerk', 'clerk', { unionId: A.unionId });
    await make('union-auditor', 'auditor', { unionId: A.unionId });

    // a draft claim of A1 with a document (a receipt: the default rules want an invoice, so it cannot be submitted)
    A.claimId = (await users.clerk.http().post(`/api/unions/${A.unionId}/claims`).send(claimBody('50.00')).expect(201)).body.id;
    A.attachmentId = (await attach(users.clerk.http, A.unionId, A.claimId, pdf(), { kind: 'receipt' }).expect(201)).body.id;
    // an export job that failed: its file never becomes ready, whatever the worker does meanwhile
    A.exportId = '01900000-0000-7000-8000-00000000e001';
    await t.sql.query(
      `INSERT INTO export_jobs (id, center_id, union_id, kind, params, state, error, created_by_name)
       VALUES ($1, $2, $3, 'trial-balance', '{"from":"2026-01","to":"2026-01"}', 'failed', '导出失败', 'x')`,
      [A.exportId, A.centerId, A.unionId],
    );
  });
  afterAll(() => t.close());

  const fill = (path: string, ids: Ids) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      switch (name) {
        case 'unionId':
          return ids.unionId;
        case 'centerId':
          return ids.centerId ?? A.centerId;
        case 'id':
          if (path.includes('/claims/{id}')) return ids.claimId ?? ids.voucherId;
          if (path.includes('/exports/{id}')) return ids.exportId ?? ids.voucherId;
          return ids.voucherId;
        case 'period':
          return '2026-01';
        case 'year':
          return '2026';
        case 'code':
          return '10201';
        case 'attachmentId':
          return ids.attachmentId ?? '01900000-0000-7000-8000-000000000000';
        case 'userId':
        case 'grantId':
        case 'formatId':
        case 'matchId':
        case 'runId':
          return '01900000-0000-7000-8000-000000000000';
        default:
          throw new Error(`the isolation matrix does not know the path parameter {${name}} of ${path}: teach it`);
      }
    });

  const call = (http: Http, r: Route, path: string) => {
    const req = http()[r.method](path);
    return r.method === 'get' || r.method === 'delete' ? req : req.send({});
  };

  it('has a permission declared on every route', () => {
    expect(routes.filter((r) => r.permission === 'MISSING')).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it("answers 404 for union B's ids on every union route, for every role of center A or union A1, and shows nothing of B", async () => {
    const unionRoutes = routes.filter((r) => r.path.includes('{unionId}'));
    expect(unionRoutes.length).toBeGreaterThan(20);
    for (const [key, u] of Object.entries(users)) {
      for (const r of unionRoutes) {
        for (const id of [B.voucherId, B.draftId]) {
          const res = await call(u.http, r, fill(r.path, { unionId: B.unionId, voucherId: id }));
          expect([key, r.method, r.path, res.status, res.body.code]).toEqual([key, r.method, r.path, 404, 'NOT_FOUND']);
          expect(JSON.stringify(res.body)).not.toContain(MARK);
        }
      }
    }
    // and B's books are as they were
    const { rows } = await t.sql.query(`SELECT (SELECT count(*)::int FROM vouchers WHERE union_id = $1) AS posted, (SELECT count(*)::int FROM voucher_drafts WHERE union_id = $1) AS drafts`, [B.unionId]);
    expect(rows[0]).toEqual({ posted: 1, drafts: 1 });
  }, 600_000); // ~1,300 requests: minutes on a shared, loaded machine

  it("answers 404 for center B's id on every center route, for every role of center A or union A1", async () => {
    const centerRoutes = routes.filter((r) => r.path.includes('{centerId}'));
    expect(centerRoutes.length).toBeGreaterThan(3);
    for (const [key, u] of Object.entries(users)) {
      for (const r of centerRoutes) {
        const res = await call(u.http, r, fill(r.path, { unionId: B.unionId, voucherId: B.voucherId, centerId: B.centerId }));
        expect([key, r.method, r.path, res.status, res.body.code]).toEqual([key, r.method, r.path, 404, 'NOT_FOUND']);
      }
    }
  });

  /**
   * What a role holding a union route's permission gets on union A1, calling it with an empty body (or the
   * fresh resource `setup` makes for each call): the handler's own answer — success, or the validation or
   * state refusal of that route — never the guard's. A new union route must be taught here.
   */
  const draft = async () => (await postVoucher(t, A.unionId, '2026-01-07', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }], { post: false })).id;
  const spareUnion = async () => (await newUnion(t, { centerId: A.centerId })).id;
  const EXPECTED: Record<string, { status: number; code?: string; setup?: () => Promise<Partial<Ids>> }> = {
    'get /api/unions/{unionId}': { status: 200 },
    'patch /api/unions/{unionId}': { status: 200 },
    'post /api/unions/{unionId}/suspend': { status: 200, setup: async () => ({ unionId: await spareUnion() }) },
    'post /api/unions/{unionId}/resume': {
      status: 200,
      setup: async () => {
        const unionId = await spareUnion();
        await t.http().post(`/api/unions/${unionId}/suspend`).expect(200);
        return { unionId };
      },
    },
    // a withdrawal states its reason (and where the money goes when there is any)
    'post /api/unions/{unionId}/withdraw': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/audit-log': { status: 200 },
    'get /api/unions/{unionId}/integrity': { status: 200 },
    'get /api/unions/{unionId}/accounts': { status: 200 },
    'post /api/unions/{unionId}/accounts': { status: 400, code: 'VALIDATION_FAILED' },
    'patch /api/unions/{unionId}/accounts/{code}': { status: 200 },
    'delete /api/unions/{unionId}/accounts/{code}': { status: 409, code: 'ACCOUNT_STANDARD' },
    'get /api/unions/{unionId}/accounts/{code}/balance': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/projects': { status: 200 },
    'post /api/unions/{unionId}/projects': { status: 400, code: 'VALIDATION_FAILED' },
    'patch /api/unions/{unionId}/projects/{code}': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/vouchers': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/vouchers': { status: 200 },
    'get /api/unions/{unionId}/vouchers/{id}': { status: 200 },
    // the month's PDF needs its period
    'get /api/unions/{unionId}/vouchers.pdf': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/vouchers/{id}.pdf': { status: 200 },
    'get /api/unions/{unionId}/books.pdf': { status: 400, code: 'VALIDATION_FAILED' },
    'patch /api/unions/{unionId}/vouchers/{id}': { status: 200, setup: async () => ({ voucherId: await draft() }) },
    'delete /api/unions/{unionId}/vouchers/{id}': { status: 204, setup: async () => ({ voucherId: await draft() }) },
    'post /api/unions/{unionId}/vouchers/{id}/post': { status: 200, setup: async () => ({ voucherId: await draft() }) },
    'post /api/unions/{unionId}/vouchers/{id}/reverse': {
      status: 201,
      setup: async () => ({ voucherId: (await postVoucher(t, A.unionId, '2026-01-08', [{ account: '10201', debit: '1.00' }, { account: '402', credit: '1.00' }])).id }),
    },
    'get /api/unions/{unionId}/periods': { status: 200 },
    'get /api/unions/{unionId}/periods/{period}': { status: 200 },
    'post /api/unions/{unionId}/periods/{period}/close': { status: 200, setup: async () => ({ unionId: await spareUnion() }) },
    'post /api/unions/{unionId}/periods/{period}/reopen': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/years/{year}': { status: 200 },
    'post /api/unions/{unionId}/years/{year}/close': { status: 409, code: 'YEAR_NOT_READY' },
    'post /api/unions/{unionId}/years/{year}/reopen': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/statements/balance-sheet': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/statements/income-expenditure': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/statement-signers': { status: 200 },
    'put /api/unions/{unionId}/statement-signers': { status: 200 },
    'get /api/unions/{unionId}/fixed-assets': { status: 200 },
    'post /api/unions/{unionId}/fixed-assets': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/fixed-assets/{id}': { status: 404, code: 'NOT_FOUND' },
    'patch /api/unions/{unionId}/fixed-assets/{id}': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/fixed-assets/{id}/dispose': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/fixed-assets/{id}/cancel': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/budgets': { status: 200 },
    'post /api/unions/{unionId}/budgets': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/budgets/adjustments': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/budgets/{id}': { status: 404, code: 'NOT_FOUND' },
    'put /api/unions/{unionId}/budgets/{id}': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/budgets/{id}/approve': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/budgets/{id}/discard': { status: 404, code: 'NOT_FOUND' },
    'get /api/unions/{unionId}/budget-execution/{year}': { status: 200 },
    'get /api/unions/{unionId}/opening-balances': { status: 200 },
    'post /api/unions/{unionId}/opening-balances': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/trial-balance': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/ledger': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/funds': { status: 200 },
    'post /api/unions/{unionId}/claims': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/claims': { status: 200 },
    'get /api/unions/{unionId}/claims/{id}': { status: 200 },
    'get /api/unions/{unionId}/claims/{id}.pdf': { status: 200 },
    'patch /api/unions/{unionId}/claims/{id}': { status: 200 },
    'post /api/unions/{unionId}/claims/{id}/submit': { status: 422, code: 'CLAIM_RULES_FAILED' },
    'post /api/unions/{unionId}/claims/{id}/withdraw': { status: 409, code: 'CLAIM_STATUS' },
    'post /api/unions/{unionId}/claims/{id}/cancel': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/claims/{id}/approve': { status: 409, code: 'CLAIM_STATUS' },
    'post /api/unions/{unionId}/claims/{id}/reject': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/claims/{id}/review': { status: 409, code: 'CLAIM_STATUS' },
    'post /api/unions/{unionId}/claims/{id}/check': { status: 409, code: 'CLAIM_STATUS' },
    'post /api/unions/{unionId}/claims/{id}/post': { status: 409, code: 'CLAIM_STATUS' },
    'post /api/unions/{unionId}/claims/{id}/return': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/claims/{id}/pay': { status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' },
    'post /api/unions/{unionId}/claims/{id}/attachments': { status: 400, code: 'ATTACHMENT_INVALID' },
    'get /api/unions/{unionId}/claims/{id}/attachments/{attachmentId}': { status: 200 },
    'delete /api/unions/{unionId}/claims/{id}/attachments/{attachmentId}': {
      status: 204,
      setup: async () => ({ attachmentId: (await attach(users.clerk.http, A.unionId, A.claimId, pdf(), { kind: 'other' }).expect(201)).body.id }),
    },
    'post /api/unions/{unionId}/exports': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/exports/{id}': { status: 200 },
    'get /api/unions/{unionId}/exports/{id}/file': { status: 409, code: 'EXPORT_NOT_READY' },
    'get /api/unions/{unionId}/export': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/receipts': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/receipts': { status: 200 },
    'get /api/unions/{unionId}/receipts/{id}': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/receipts/{id}/post': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/receipts/{id}/cancel': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/receipts/{id}/attachments': { status: 400, code: 'FILE_UNREADABLE' },
    'get /api/unions/{unionId}/receipts/{id}/attachments/{attachmentId}': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/dues-rolls': { status: 400, code: 'FILE_UNREADABLE' },
    'get /api/unions/{unionId}/dues-rolls': { status: 200 },
    'get /api/unions/{unionId}/dues-rolls/{id}': { status: 404, code: 'NOT_FOUND' },
    'post /api/unions/{unionId}/archives': { status: 400, code: 'VALIDATION_FAILED' },
    'get /api/unions/{unionId}/archives': { status: 200 },
    // a hand-over of a spare union (the matrix builds no packages of A1): it has no period yet, so nothing to hand over
    'post /api/unions/{unionId}/archives/handover': { status: 422, code: 'ARCHIVE_SCOPE_INVALID', setup: async () => ({ unionId: await spareUnion() }) },
    'get /api/unions/{unionId}/archives/{id}': { status: 404, code: 'NOT_FOUND' },
    'get /api/unions/{unionId}/archives/{id}/file': { status: 404, code: 'NOT_FOUND' },
    'get /api/unions/{unionId}/archives/{id}/verification': { status: 404, code: 'NOT_FOUND' },
    'get /api/unions/{unionId}/interchange/gbt24589': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/interchange/gbt24589': { status: 400, code: 'FILE_UNREADABLE' },
    'get /api/unions/{unionId}/interchange/journal': { status: 400, code: 'VALIDATION_FAILED' },
    'post /api/unions/{unionId}/interchange/opening-sheet': { status: 400, code: 'FILE_UNREADABLE' },
  };

  it("on union A1, a role without a route's permission gets 403; one with it gets the route's own answer", async () => {
    const unionRoutes = routes.filter((r) => r.path.includes('{unionId}'));
    const untaught = unionRoutes.filter((r) => !EXPECTED[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`);
    expect(untaught).toEqual([]); // teach EXPECTED what an allowed role gets from each new route
    for (const [key, u] of Object.entries(users)) {
      for (const r of unionRoutes) {
        const allowed = (ROLE_PERMISSIONS[u.role] as readonly string[]).includes(r.permission);
        const expected = EXPECTED[`${r.method} ${r.path}`];
        const ids = { ...A, ...(allowed && expected.setup ? await expected.setup() : {}) };
        const res = await call(u.http, r, fill(r.path, ids));
        const got = [key, r.method, r.path, res.status];
        if (!allowed) expect([...got, res.body.code]).toEqual([key, r.method, r.path, 403, 'FORBIDDEN']);
        else if (expected.code) expect([...got, res.body.code]).toEqual([key, r.method, r.path, expected.status, expected.code]);
        else expect(got).toEqual([key, r.method, r.path, expected.status]);
      }
    }
  }, 600_000);

  it("refuses the auditors' writes everywhere: every non-GET route answers 403 or 404, never success", async () => {
    // an export is a POST that reads the books (it only creates a job): the one write-shaped route auditors have
    const writes = routes.filter((r) => r.method !== 'get' && !['public', 'authenticated', 'exports:create'].includes(r.permission));
    for (const key of ['center-auditor', 'union-auditor']) {
      for (const r of writes) {
        const res = await call(users[key].http, r, fill(r.path, { unionId: A.unionId, voucherId: A.voucherId }));
        expect([key, r.method, r.path, [403, 404].includes(res.status)]).toEqual([key, r.method, r.path, true]);
      }
    }
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE union_id = $1 AND username LIKE '%auditor%'`, [A.unionId]);
    expect(rows[0].n).toBe(0);
  });

  it('narrows the lists without a union in the path to what each role covers', async () => {
    for (const [key, u] of Object.entries(users)) {
      const centers = await u.http().get('/api/centers').expect(200);
      expect([key, centers.body.map((c: { id: string }) => c.id)]).toEqual([key, [A.centerId]]);
      const unions = await u.http().get('/api/unions?pageSize=100').expect(200);
      // center roles cover every union of center A (the matrix made spare ones there), union roles their own
      const { rows } = await t.sql.query(`SELECT id FROM unions WHERE center_id = $1 ORDER BY code`, [A.centerId]);
      const covered = ['chair', 'clerk', 'union-auditor'].includes(key) ? [A.unionId] : rows.map((r) => r.id);
      expect([key, unions.body.items.map((x: { id: string }) => x.id).sort()]).toEqual([key, [...covered].sort()]);
      const filtered = await u.http().get(`/api/unions?centerId=${B.centerId}`).expect(200);
      expect(filtered.body.items).toEqual([]);
      expect(JSON.stringify([centers.body, unions.body])).not.toContain(MARK);
    }
  });

  it("refuses creating a union in center B, and every administrator's route, to center staff", async () => {
    const union = { centerId: B.centerId, code: '913301009999', name: 'x', chartTemplate: 'grassroots', firstPeriod: '2026-01' };
    for (const [key, u] of Object.entries(users)) {
      const res = await u.http().post('/api/unions').send(union);
      // a center outside one's grants answers exactly like a center that does not exist
      const unknown = await u.http().post('/api/unions').send({ ...union, centerId: '01900000-0000-7000-8000-00000000abcd' });
      expect([key, res.status, res.body.code]).toEqual([key, unknown.status, unknown.body.code]);
      expect([key, [403, 422].includes(res.status)]).toEqual([key, true]);
      for (const r of routes.filter((x) => x.permission === 'users:manage' || x.permission === 'centers:manage')) {
        const denied = await call(u.http, r, fill(r.path, { unionId: A.unionId, voucherId: A.voucherId }));
        expect([key, r.method, r.path, denied.status]).toEqual([key, r.method, r.path, 403]);
      }
    }
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM unions WHERE center_id = $1`, [B.centerId]);
    expect(rows[0].n).toBe(1);
  });

  it('lets nothing through without a valid token', async () => {
    for (const r of routes.filter((x) => x.permission !== 'public')) {
      const path = fill(r.path, { unionId: A.unionId, voucherId: A.voucherId });
      const none = await call(t.anon, r, path);
      expect([r.method, r.path, none.status, none.body.code]).toEqual([r.method, r.path, 401, 'UNAUTHENTICATED']);
      const forged = await call(t.as('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'), r, path);
      expect([r.method, r.path, forged.status]).toEqual([r.method, r.path, 401]);
    }
  });
});
