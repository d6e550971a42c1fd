import { DESKTOP, errors, PHONE, step } from './support/browser';
import { useScene } from './support/scene';
import { login } from './support/ui';

const SECRET = '纺织厂职工疗休养（保密事由）';

/**
 * Flow 4 of issue 13: a user of union A cannot reach union B's claim by URL — neither under B's address nor
 * with B's claim id under A's — and the page shows nothing of it, only that it is not within their grants.
 */
describe("another union's claim by URL", () => {
  let claimB = '';
  const web = useScene({
    setup: async (scene) => {
      const clerkB = await scene.as(scene.people.clerkB);
      const claim = await clerkB.post(`/api/unions/${scene.unions.B.id}/claims`, {
        kind: 'general',
        purpose: SECRET,
        eventDate: '2026-03-01',
        expenseAccount: '50106',
        payee: { kind: 'cash', name: '孙某' },
        lines: [{ description: '门票', quantity: '1', unitPrice: '100.00', amount: '100.00' }],
      });
      claimB = claim.id;
    },
  });
  const tabs = web.tabs;

  it("answers as for an id that does not exist, for A's clerk and A's chair, and shows none of B's data", async () => {
    const { scene } = web;
    const { A, B } = scene.unions;
    for (const [who, viewport] of [
      [scene.people.clerk, DESKTOP],
      [scene.people.chair, PHONE],
    ] as const) {
      const tab = await web.tab(viewport);
      await step(`${who.displayName} tries B's claim`, tabs, async () => {
        const { page } = tab;
        await login(page, who);
        for (const path of [`/u/${B.id}/claims/${claimB}`, `/u/${A.id}/claims/${claimB}`, `/u/${B.id}/claims`]) {
          await page.goto(path);
          // the server's own words for "no such thing, or not yours" — the same as for an id that does not exist
          await page.getByRole('alert').getByText(/不存在/).waitFor();
          const text = await page.getByRole('main').innerText();
          expect(text).not.toContain(SECRET);
          expect(text).not.toContain(B.name);
          expect(text).not.toContain('孙某');
        }
        // and their own union still opens
        await page.goto(`/u/${A.id}/claims`);
        await page.getByRole('heading', { name: '报销单' }).waitFor();
      });
      await tab.context.close();
    }
    expect(errors).toEqual([]);
  });
});
