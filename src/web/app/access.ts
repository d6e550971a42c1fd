import { allowedAnywhere, decideOnCenter, decideOnUnion, type GrantScope, type Permission } from '../../auth/permissions';
import type { Me } from '../data/session';

/**
 * What the logged-in user may do, decided by the server's own pure permission table (src/auth/permissions.ts),
 * so the app never offers a button the API would refuse for the role. The server still decides every request.
 */
export interface UnionRef {
  id: string;
  centerId: string;
}

const grantsOf = (user: Me): GrantScope[] => user.grants as GrantScope[];

export function canOnUnion(user: Me, union: UnionRef, permission: Permission): boolean {
  return decideOnUnion(grantsOf(user), union, permission) === 'allowed';
}

export function canOnCenter(user: Me, centerId: string, permission: Permission): boolean {
  return decideOnCenter(grantsOf(user), centerId, permission) === 'allowed';
}

export function canAnywhere(user: Me, permission: Permission): boolean {
  return allowedAnywhere(grantsOf(user), permission);
}

/** Centers where the user holds a center-wide grant with this permission. */
export function centersWith(user: Me, permission: Permission): string[] {
  return [...new Set(grantsOf(user).flatMap((g) => (g.centerId && !g.unionId && canOnCenter(user, g.centerId, permission) ? [g.centerId] : [])))];
}

/** The single union a union-level user works in, when there is exactly one and no center-wide grant. */
export function onlyUnion(user: Me): string | null {
  const grants = grantsOf(user);
  if (grants.some((g) => !g.unionId)) return null;
  const ids = [...new Set(grants.map((g) => g.unionId!))];
  return ids.length === 1 ? ids[0] : null;
}

export type { Permission };
