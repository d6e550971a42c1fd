import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/http/actor.decorator';
import { Database } from '../database/database.service';
import { AuthError } from './auth.errors';
import { ChangePasswordDto, LoginDto, MeResponse, TokenResponse } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { PrincipalsService } from './principals.service';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

export interface ClientContext {
  ip: string | null;
  requestId: string | null;
}

/** Logging in and out, refreshing tokens, changing one's own password. */
@Injectable()
export class AuthService {
  private readonly threshold: number;
  private readonly lockMinutes: number;

  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly principals: PrincipalsService,
    private readonly audit: AuditService,
    config: ConfigService,
  ) {
    this.threshold = config.get<number>('LOCKOUT_THRESHOLD') ?? 5;
    this.lockMinutes = config.get<number>('LOCKOUT_MINUTES') ?? 15;
  }

  /**
   * Wrong passwords count per login name, whether or not a user has it; at the threshold the name locks for
   * a while, and while locked even the right password is refused. Every attempt costs one argon2
   * verification before anything is decided, and unknown names count and lock like real ones: status, code,
   * message and time never tell whether a name exists.
   */
  async login(dto: LoginDto, client: ClientContext): Promise<TokenResponse> {
    const username = dto.username.trim().toLowerCase();
    const user = await this.users.findByUsername(this.db.manager, username);
    const actor: Actor = { id: user?.id ?? null, username: username.slice(0, 64), name: username, ...client };
    const failed = (reason: string, extra: object = {}) =>
      this.audit.recordAlone(actor, [{ unionId: null, action: 'auth.login.failed', entityType: 'user', entityId: user?.id ?? null, after: { reason, ...extra } }]);

    const passwordRight = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    const lockedUntil = await this.users.lockedUntil(this.db.manager, username);
    if (lockedUntil) {
      await failed('locked');
      throw locked(lockedUntil);
    }
    if (!user || !passwordRight) {
      const result = await this.users.recordFailure(this.db.manager, username, this.threshold, this.lockMinutes);
      const reason = user ? 'wrong-password' : 'unknown-user';
      if (result.lockedUntil && result.lockedUntil.getTime() > Date.now()) {
        await failed(reason, { locked: true, until: result.lockedUntil.toISOString() });
        throw locked(result.lockedUntil);
      }
      await failed(reason, { failures: result.failures });
      throw invalidCredentials();
    }
    if (user.status !== 'active') {
      await failed('disabled');
      throw new AuthError('ACCOUNT_DISABLED', '该账户已停用，请联系系统管理员');
    }
    return this.db.transaction(async (em) => {
      await this.users.clearFailures(em, username);
      await this.audit.record(em, actor, [{ unionId: null, action: 'auth.login', entityType: 'user', entityId: user.id }]);
      return this.session(em, user);
    });
  }

  async refresh(presented: string, client: ClientContext): Promise<TokenResponse> {
    const outcome = await this.db.transaction(async (em): Promise<TokenResponse | AuthError> => {
      const { userId, familyId, reused } = await this.tokens.consume(em, presented);
      const user = await this.users.findById(em, userId);
      if (reused) {
        // committed before refusing: the revocation of the family must outlive this request
        const actor: Actor = { id: userId, username: user?.username ?? 'unknown', name: user?.displayName ?? 'unknown', ...client };
        await this.audit.record(em, actor, [{ unionId: null, action: 'auth.refresh.reused', entityType: 'user', entityId: userId, after: { familyId } }]);
        return new AuthError('REFRESH_TOKEN_REUSED', '刷新凭证已被使用过，为安全起见已注销该登录，请重新登录');
      }
      if (!user || user.status !== 'active') {
        await this.tokens.revokeFamily(em, familyId);
        return new AuthError('ACCOUNT_DISABLED', '该账户已停用，请联系系统管理员');
      }
      return this.session(em, user, familyId);
    });
    if (outcome instanceof AuthError) throw outcome;
    return outcome;
  }

  /** Ends the session of the presented refresh token, only if it is the caller's; answers the same either way. */
  async logout(presented: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (em) => {
      if (await this.tokens.revokeOwn(em, presented, actor.id!)) {
        await this.audit.record(em, actor, [{ unionId: null, action: 'auth.logout', entityType: 'user', entityId: actor.id }]);
      }
    });
  }

  /** A new password ends every other session of the user; the caller gets a fresh pair of tokens. */
  changePassword(actor: Actor, dto: ChangePasswordDto): Promise<TokenResponse> {
    return this.db.transaction(async (em) => {
      const user = await this.users.lock(em, actor.id!);
      if (!user) throw new AuthError('TOKEN_INVALID', '登录已失效，请重新登录');
      if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
        throw new AuthError('INVALID_CREDENTIALS', '当前密码不正确');
      }
      const problem = this.passwords.problem(dto.newPassword, user.username);
      if (problem) throw new AuthError('PASSWORD_POLICY', problem);
      if (dto.newPassword === dto.currentPassword) throw new AuthError('PASSWORD_POLICY', '新密码不能与当前密码相同');
      user.passwordHash = await this.passwords.hash(dto.newPassword);
      user.mustChangePassword = false;
      user.passwordChangedAt = new Date();
      user.tokenVersion += 1;
      await this.users.save(em, user);
      await this.tokens.revokeAll(em, user.id);
      await this.audit.record(em, actor, [{ unionId: null, action: 'user.password.change', entityType: 'user', entityId: user.id }]);
      this.principals.forget(user.id);
      return this.session(em, user);
    });
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findById(this.db.manager, userId);
    if (!user) throw new AuthError('TOKEN_INVALID', '登录已失效，请重新登录');
    return this.describe(this.db.manager, user);
  }

  private async session(em: EntityManager, user: User, familyId?: string): Promise<TokenResponse> {
    const pair = await this.tokens.issue(em, user, familyId);
    return { ...pair, user: await this.describe(em, user) };
  }

  private async describe(em: EntityManager, user: User): Promise<MeResponse> {
    const grants = await this.users.grantsOf(em, user.id);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      grants: grants.map((g) => ({ id: g.id, role: g.role, centerId: g.centerId, unionId: g.unionId })),
    };
  }
}

function invalidCredentials(): AuthError {
  return new AuthError('INVALID_CREDENTIALS', '用户名或密码不正确');
}

function locked(until: Date): AuthError {
  const time = until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AuthError('ACCOUNT_LOCKED', `密码错误次数过多，账户已锁定，请于 ${time} 后再试`, {
    lockedUntil: until.toISOString(),
    retryAfterSeconds,
    messageEn: `too many wrong passwords: locked until ${until.toISOString()}`,
  });
}
