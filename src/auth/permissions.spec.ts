import { GrantScope, incompatibility, Permission, ROLE_PERMISSIONS, Roles } from './permissions';

const C1 = 'center-1';
const C2 = 'center-2';
const unionCenters: Record<string, string> = { 'union-of-c1': C1, 'union-of-c2': C2 };
const centerOf = (unionId: string) => unionCenters[unionId];
const grant = (role: GrantScope['role'], scope: { centerId?: string; unionId?: string }): GrantScope => ({
  role,
  centerId: scope.centerId ?? null,
  unionId: scope.unionId ?? null,
});

describe('incompatible duties (不相容职务)', () => {
  // what the cashier must never do: keep the books, review or post vouchers, review claims
  const bookkeeping: Permission[] = ['vouchers:prepare', 'vouchers:post', 'vouchers:reverse', 'claims:review', 'claims:approve', 'chart:manage', 'opening:manage', 'periods:close', 'periods:reopen'];

  it('gives the cashier no permission to prepare, review (审核) or post (记账) anything', () => {
    expect(ROLE_PERMISSIONS.cashier.filter((p) => bookkeeping.includes(p))).toEqual([]);
  });

  it('gives no role both the payment and a review or posting permission', () => {
    for (const role of Roles) {
      const perms = ROLE_PERMISSIONS[role];
      if (perms.includes('claims:pay')) expect([role, perms.filter((p) => p === 'vouchers:post' || p === 'claims:review')]).toEqual([role, []]);
    }
  });

  it.each([
    ['accountant', { centerId: C1 }],
    ['director', { centerId: C1 }],
    ['auditor', { centerId: C1 }],
    ['auditor', { unionId: 'union-of-c1' }],
  ] as const)('refuses cashier + %s %j in the same center, in either order', (role, scope) => {
    const other = grant(role, scope);
    const cashier = grant('cashier', { centerId: C1 });
    expect(incompatibility([other], cashier, centerOf)).toEqual(['cashier', role]);
    expect(incompatibility([cashier], other, centerOf)).toEqual([role, 'cashier']);
  });

  it('allows the same roles in different centers, and compatible roles in one center', () => {
    const cashier = grant('cashier', { centerId: C1 });
    expect(incompatibility([cashier], grant('director', { centerId: C2 }), centerOf)).toBeNull();
    expect(incompatibility([cashier], grant('auditor', { unionId: 'union-of-c2' }), centerOf)).toBeNull();
    expect(incompatibility([grant('accountant', { centerId: C1 })], grant('director', { centerId: C1 }), centerOf)).toBeNull();
    expect(incompatibility([cashier], grant('chair', { unionId: 'union-of-c1' }), centerOf)).toBeNull();
  });
});
