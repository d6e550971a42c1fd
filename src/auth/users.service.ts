import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/errors/common.errors';
import { Actor, SERVICE_ACTOR } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { Database } from '../database/database.service';
import { UnionError } from '../unions/unions.errors';
import { AuthError } from './auth.errors';
import { AddGrantDto, CreateUserDto, ResetPasswordDto, UserResponse } from './dto/users.dto';
import { Grant } from './grant.entity';
import { incompatibility, ROLE_LABEL, scopeProblem } from './permissions';
import { PasswordService } from './password.service';
import { PrincipalsService } from './principals.service';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * The system administrator's work: users, their passwords and their grants. Guards against locking the
 * service out (the last active administrator stays) and against granting oneself roles or incompatible
 * duties (不相容职务: no one is cashier and accountant of one center).
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly principals: PrincipalsService,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  /** First start on an empty database: one administrator, from ADMIN_USERNAME/ADMIN_PASSWORD or generated. */
  async onApplicationBootstrap(): Promise<void> {
    const created = await this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('bootstrap-admin', 0))`);
      if ((await this.users.count(em)) > 0) return null;
      const username = this.config.get<string>('ADMIN_USERNAME') ?? 'admin';
      const given = this.config.get<string>('ADMIN_PASSWORD');
      const password = given ?? this.passwords.generate();
      const user = await this.users.insert(em, {
        id: uuidv7(),
        username,
        displayName: '系统管理员',
        passwordHash: await this.passwords.hash(password),
        mustChangePassword: !given,
      });
      await this.users.insertGrant(em, { id: uuidv7(), userId: user.id, role: 'system_admin', grantedBy: null });
      await this.audit.record(em, SERVICE_ACTOR, [
        { unionId: null, action: 'user.create', entityType: 'user', entityId: user.id, after: { username, roles: ['system_admin'] } },
      ]);
      return given ? { username, password: null } : { username, password };
    });
    if (created?.password) {
      // printed once, to the console only (not the log stream), and to be changed at first login
      console.log(`\n  First start: created the administrator "${created.username}" with password ${created.password}\n  It must be changed at the first login.\n`);
    } else if (created) {
      this.logger.log(`First start: created the administrator "${created.username}" from ADMIN_USERNAME/ADMIN_PASSWORD.`);
    }
  }

  async list(page: number, pageSize: number, q?: string): Promise<Page<UserResponse>> {
    const result = await this.users.list(this.db.manager, page, pageSize, q);
    return { ...result, items: await Promise.all(result.items.map((u) => this.present(this.db.manager, u))) };
  }

  async get(id: string): Promise<UserResponse> {
    return this.present(this.db.manager, await this.existing(this.db.manager, id));
  }

  create(actor: Actor, dto: CreateUserDto): Promise<UserResponse> {
    return this.db.transaction(async (em) => {
      if (await this.users.findByUsername(em, dto.username)) throw new AuthError('USERNAME_TAKEN', '用户名已存在');
      const password = dto.password ?? this.passwords.generate();
      const problem = this.passwords.problem(password, dto.username);
      if (problem) throw new AuthError('PASSWORD_POLICY', problem);
      const user = await this.users.insert(em, {
        id: uuidv7(),
        username: dto.username,
        displayName: dto.displayName.trim(),
        passwordHash: await this.passwords.hash(password),
        mustChangePassword: dto.password === undefined,
      });
      await this.audit.record(em, actor, [
        { unionId: null, action: 'user.create', entityType: 'user', entityId: user.id, after: { username: user.username, displayName: user.displayName } },
      ]);
      const response = await this.present(em, user);
      return dto.password === undefined ? { ...response, temporaryPassword: password } : response;
    });
  }

  setStatus(actor: Actor, id: string, status: 'active' | 'disabled'): Promise<UserResponse> {
    return this.db.transaction(async (em) => {
      if (status === 'disabled' && id === actor.id) throw new AuthError('SELF_DISABLE', '不能停用自己的账户');
      if (status === 'disabled') await this.keepAnAdmin(em, id);
      const user = await this.locked(em, id);
      if (user.status === status) return this.present(em, user);
      user.status = status;
      user.tokenVersion += 1;
      await this.users.save(em, user);
      await this.tokens.revokeAll(em, id);
      await this.audit.record(em, actor, [
        { unionId: null, action: status === 'disabled' ? 'user.disable' : 'user.enable', entityType: 'user', entityId: id },
      ]);
      this.principals.forget(id);
      return this.present(em, user);
    });
  }

  /** Sets a new password (given or generated), unlocks the account and ends its sessions. */
  resetPassword(actor: Actor, id: string, dto: ResetPasswordDto): Promise<UserResponse> {
    return this.db.transaction(async (em) => {
      const user = await this.locked(em, id);
      const password = dto.newPassword ?? this.passwords.generate();
      const problem = this.passwords.problem(password, user.username);
      if (problem) throw new AuthError('PASSWORD_POLICY', problem);
      user.passwordHash = await this.passwords.hash(password);
      user.mustChangePassword = true;
      user.failedLogins = 0;
      user.lockedUntil = null;
      user.passwordChangedAt = new Date();
      user.tokenVersion += 1;
      await this.users.save(em, user);
      await this.tokens.revokeAll(em, id);
      await this.audit.record(em, actor, [{ unionId: null, action: 'user.password.reset', entityType: 'user', entityId: id }]);
      this.principals.forget(id);
      const response = await this.present(em, user);
      return dto.newPassword === undefined ? { ...response, temporaryPassword: password } : response;
    });
  }

  addGrant(actor: Actor, userId: string, dto: AddGrantDto): Promise<UserResponse> {
    return this.db.transaction(async (em) => {
      if (userId === actor.id) throw new AuthError('FORBIDDEN', '不能给自己授权');
      const user = await this.locked(em, userId);
      const grant = { role: dto.role, centerId: dto.centerId ?? null, unionId: dto.unionId ?? null };
      const problem = scopeProblem(grant);
      if (problem) throw new AuthError('GRANT_SCOPE_INVALID', problem);
      await this.assertScopeExists(em, grant.centerId, grant.unionId);
      const existing = await this.users.grantsOf(em, userId);
      const centers = await this.users.centersOfUnions(em, [...existing, grant].flatMap((g) => (g.unionId ? [g.unionId] : [])));
      const clash = incompatibility(existing, grant, (unionId) => centers.get(unionId));
      if (clash) {
        throw new AuthError('SOD_INCOMPATIBLE_GRANTS', `不相容职务：同一人不能在同一核算中心兼任${ROLE_LABEL[clash[0]]}和${ROLE_LABEL[clash[1]]}`);
      }
      const created = await this.users.insertGrant(em, { id: uuidv7(), userId, ...grant, grantedBy: actor.id });
      await this.audit.record(em, actor, [
        { unionId: grant.unionId, action: 'grant.add', entityType: 'grant', entityId: created.id, after: { userId, username: user.username, ...grant } },
        ...(grant.unionId ? [{ unionId: null, action: 'grant.add', entityType: 'grant', entityId: created.id, after: { userId, ...grant } }] : []),
      ]);
      this.principals.forget(userId);
      return this.present(em, user);
    });
  }

  removeGrant(actor: Actor, userId: string, grantId: string): Promise<UserResponse> {
    return this.db.transaction(async (em) => {
      const user = await this.locked(em, userId);
      const grants = await this.users.grantsOf(em, userId);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw notFound('授权', { grantId });
      if (grant.role === 'system_admin') await this.keepAnAdmin(em, userId);
      await this.users.deleteGrant(em, userId, grantId);
      await this.audit.record(em, actor, [
        { unionId: null, action: 'grant.remove', entityType: 'grant', entityId: grantId, before: describe(grant) },
      ]);
      this.principals.forget(userId);
      return this.present(em, user);
    });
  }

  private async keepAnAdmin(em: EntityManager, leaving: string): Promise<void> {
    const admins = await this.users.activeAdmins(em);
    if (admins.length === 1 && admins[0] === leaving) {
      throw new AuthError('LAST_ADMIN', '这是唯一可用的系统管理员，不能停用或撤销其授权');
    }
  }

  private async assertScopeExists(em: EntityManager, centerId: string | null, unionId: string | null): Promise<void> {
    if (centerId && (await em.query(`SELECT 1 FROM centers WHERE id = $1`, [centerId])).length === 0) {
      throw new UnionError('CENTER_NOT_FOUND', '核算中心不存在');
    }
    if (unionId && (await em.query(`SELECT 1 FROM unions WHERE id = $1`, [unionId])).length === 0) {
      throw new AuthError('GRANT_SCOPE_INVALID', '工会不存在');
    }
  }

  private async existing(em: EntityManager, id: string): Promise<User> {
    const user = await this.users.findById(em, id);
    if (!user) throw notFound('用户', { userId: id });
    return user;
  }

  private async locked(em: EntityManager, id: string): Promise<User> {
    const user = await this.users.lock(em, id);
    if (!user) throw notFound('用户', { userId: id });
    return user;
  }

  private async present(em: EntityManager, u: User): Promise<UserResponse> {
    const grants = await this.users.grantsOf(em, u.id);
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      status: u.status,
      lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
      mustChangePassword: u.mustChangePassword,
      createdAt: u.createdAt.toISOString(),
      grants: grants.map(describe),
    };
  }
}

function describe(g: Grant) {
  return { id: g.id, role: g.role, centerId: g.centerId, unionId: g.unionId };
}
