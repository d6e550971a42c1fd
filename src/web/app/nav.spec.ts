import type { Me } from '../data/session';
import { navigation } from './nav';

const union = { id: 'u-1', centerId: 'c-1' };
const person = (role: Me['grants'][number]['role'], scope: 'center' | 'union'): Me => ({
  id: 'p',
  username: 'p',
  displayName: 'p',
  mustChangePassword: false,
  grants: [{ id: 'g', role, centerId: scope === 'center' ? union.centerId : null, unionId: scope === 'union' ? union.id : null }],
});
const labels = (me: Me) => navigation(me, union, {}).flatMap((g) => g.items.map((i) => i.label));

describe('the menu: 会费名册', () => {
  it('is offered to every role that may read the dues rolls (receipts:read)', () => {
    for (const [role, scope] of [
      ['cashier', 'center'],
      ['accountant', 'center'],
      ['director', 'center'],
      ['auditor', 'center'],
      ['chair', 'union'],
    ] as const) {
      expect(labels(person(role, scope))).toContain('会费名册');
    }
  });
  it('is not offered to a clerk, whom the API would refuse', () => {
    expect(labels(person('clerk', 'union'))).not.toContain('会费名册');
  });
});
