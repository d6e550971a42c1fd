import { newCenter, newUnion } from '../support/builders';
import { attach, claimBody, claimUnion, pdf } from '../support/claims';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Corrections an administrator or a clerk makes now and then — revoking a grant, renaming a project,
 * removing a wrong document, reviewing the center's rule sets — each shown to work and to leave its trace.
 */
describe('maintenance routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('an administrator revokes a grant: the role is gone from the user and the user loses its reach', async () => {
    const center = await newCenter(t);
    const u = await t.userWith([{ role: 'auditor', centerId: center.id }], 'auditor');
    const before = await t.admin().get(`/api/users/${u.id}`).expect(200);
    const grant = before.body.grants.find((g: { role: string }) => g.role === 'auditor');
    await u.http().get(`/api/centers/${center.id}/claim-settings`).expect(200);

    const after = await t.admin().delete(`/api/users/${u.id}/grants/${grant.id}`).expect(200);
    expect(after.body.grants).toEqual([]);
    await u.http().get(`/api/centers/${center.id}/claim-settings`).expect(404);
    await t.admin().delete(`/api/users/${u.id}/grants/${grant.id}`).expect(404);
    const audit = await t.admin().get('/api/audit-log').query({ action: 'grant.remove' }).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'grant.remove', entityId: grant.id });
  });

  it('a project is renamed and deactivated; an unknown or malformed code names nothing', async () => {
    const { id: unionId } = await newUnion(t);
    await t.http().post(`/api/unions/${unionId}/projects`).send({ code: 'P2026-01', name: '职工书屋' }).expect(201);
    const renamed = await t.http().patch(`/api/unions/${unionId}/projects/P2026-01`).send({ name: '职工书屋（二期）', active: false }).expect(200);
    expect(renamed.body).toEqual({ code: 'P2026-01', name: '职工书屋（二期）', active: false });
    expect((await t.http().get(`/api/unions/${unionId}/projects`).expect(200)).body).toEqual([renamed.body]);
    await t.http().patch(`/api/unions/${unionId}/projects/P9`).send({ name: 'x' }).expect(404);
    await t.http().patch(`/api/unions/${unionId}/projects/bad code!`).send({ name: 'x' }).expect(404);
  });

  it('a clerk removes a wrong document from a draft claim, and the file is free for another claim', async () => {
    const p = await claimUnion(t, { funds: '5000.00' });
    const claim = (await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(claimBody()).expect(201)).body;
    const file = pdf();
    const doc = (await attach(p.clerk, p.unionId, claim.id, file, { kind: 'receipt' }).expect(201)).body;

    await p.clerk().delete(`/api/unions/${p.unionId}/claims/${claim.id}/attachments/${doc.id}`).expect(204);
    expect((await p.clerk().get(`/api/unions/${p.unionId}/claims/${claim.id}`).expect(200)).body.attachments).toEqual([]);
    await p.clerk().get(`/api/unions/${p.unionId}/claims/${claim.id}/attachments/${doc.id}`).expect(404);
    const other = (await p.clerk().post(`/api/unions/${p.unionId}/claims`).send(claimBody()).expect(201)).body;
    await attach(p.clerk, p.unionId, other.id, file, { kind: 'receipt' }).expect(201);
  });

  it("a center's rule sets are listed newest first, each with its content", async () => {
    const p = await claimUnion(t);
    const rules = (body: object) => t.http().post(`/api/centers/${p.centerId}/claim-rules`).send(body).expect(201);
    await rules({ name: '2026 年规则', effectiveFrom: '2026-01-01', preset: 'anhui-2018' });
    await rules({ name: '2027 年规则', effectiveFrom: '2027-01-01', rules: { prohibitedKinds: ['banquet'], caps: [], requiredDocuments: [] } });
    const listed = await p.clerk().get(`/api/centers/${p.centerId}/claim-rules`);
    expect(listed.status).toBe(404); // a clerk has no center-wide grant: the center is not theirs to read
    const own = await t.http().get(`/api/centers/${p.centerId}/claim-rules`).expect(200);
    expect(own.body.map((r: { name: string }) => r.name)).toEqual(['2027 年规则', '2026 年规则']);
    expect(own.body[0]).toMatchObject({ preset: null, body: { prohibitedKinds: ['banquet'], caps: [], requiredDocuments: [] } });
    expect(own.body[1].preset).toBe('anhui-2018');
  });
});
