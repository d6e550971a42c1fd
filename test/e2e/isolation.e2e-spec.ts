import { ROLE_PERMISSIONS, Role } from '../../src/auth/permissions';
import { newCenter, newUnion, postVoucher } from '../support/builders';
import { Http, startTestApp, TestApp } from '../support/test-app';

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  permission: string;
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
  const A: { centerId: string; unionId: string; voucherId: string } = { centerId: '', unionId: '', voucherId: '' };
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
  });
  afterAll(() => t.close());

  const fill = (path: string, ids: { unionId: string; voucherId: string; centerId?: string }) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      switch (name) {
        case 'unionId':
          return ids.unionId;
        case 'centerId':
          return ids.centerId ?? A.centerId;
        case 'id':
          return ids.voucherId;
        case 'period':
          return '2026-01';
        case 'year':
          return '2026';
        case 'code':
          return '10201';
        case 'userId':
        case 'grantId':
        case 'attachmentId':
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
  });

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

  it("on union A1, a role without a route's permission gets 403 and one with it is let through", async () => {
    const unionRoutes = routes.filter((r) => r.path.includes('{unionId}'));
    for (const [key, u] of Object.entries(users)) {
      for (const r of unionRoutes) {
        const res = await call(u.http, r, fill(r.path, { unionId: A.unionId, voucherId: A.voucherId }));
        const allowed = (ROLE_PERMISSIONS[u.role] as readonly string[]).includes(r.permission);
        if (allowed) expect([key, r.method, r.path, res.status]).not.toEqual([key, r.method, r.path, 403]);
        else expect([key, r.method, r.path, res.status, res.body.code]).toEqual([key, r.method, r.path, 403, 'FORBIDDEN']);
        expect(res.status).toBeLessThan(500);
      }
    }
  });

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
      expect([key, unions.body.items.map((x: { id: string }) => x.id)]).toEqual([key, [A.unionId]]);
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
