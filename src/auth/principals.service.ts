import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Database } from '../database/database.service';
import { AuthError } from './auth.errors';
import { decideOnUnion, Permission, UnionScope } from './permissions';
import { Principal } from './principal';
import { UsersRepository } from './users.repository';

/**
 * Who a token speaks for, looked up per request but cached briefly: a disabled user, a changed password or a
 * changed grant takes effect within PRINCIPAL_TTL_MS on every instance (at once on this one), without a
 * database round trip on every request. Unions never change center, so their scope is cached for good.
 */
@Injectable()
export class PrincipalsService {
  static readonly PRINCIPAL_TTL_MS = 15_000;

  private readonly principals = new LRUCache<string, Principal | 'disabled'>({ max: 10_000, ttl: PrincipalsService.PRINCIPAL_TTL_MS });
  private readonly unions = new LRUCache<string, UnionScope>({ max: 200_000 });

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
  ) {}

  async forToken(userId: string, tokenVersion: number): Promise<Principal> {
    let cached = this.principals.get(userId);
    if (cached === undefined) {
      cached = await this.read(userId);
      this.principals.set(userId, cached);
    }
    if (cached === 'disabled' || cached.tokenVersion !== tokenVersion) {
      throw new AuthError('TOKEN_INVALID', '登录已失效，请重新登录');
    }
    return cached;
  }

  forget(userId: string): void {
    this.principals.delete(userId);
  }

  async unionScope(unionId: string): Promise<UnionScope | null> {
    const cached = this.unions.get(unionId);
    if (cached) return cached;
    const rows: UnionScope[] = await this.db.manager.query(`SELECT id, center_id AS "centerId" FROM unions WHERE id = $1`, [unionId]);
    if (rows[0]) this.unions.set(unionId, rows[0]);
    return rows[0] ?? null;
  }

  /** Whether the principal holds the permission over the union (false for a union that does not exist). */
  async holdsOn(principal: Principal, unionId: string, permission: Permission): Promise<boolean> {
    const union = await this.unionScope(unionId);
    return union !== null && decideOnUnion(principal.grants, union, permission) === 'allowed';
  }

  private async read(userId: string): Promise<Principal | 'disabled'> {
    const user = await this.users.findById(this.db.manager, userId);
    if (!user || user.status !== 'active') return 'disabled';
    const grants = await this.users.grantsOf(this.db.manager, userId);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      tokenVersion: user.tokenVersion,
      mustChangePassword: user.mustChangePassword,
      grants: grants.map((g) => ({ role: g.role, centerId: g.centerId, unionId: g.unionId })),
    };
  }
}
