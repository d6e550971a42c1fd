import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { insertEntity } from '../database/insert-entity';
import { AuthError } from './auth.errors';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { UUID_PATTERN } from '../common/http/uuid.pipe';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface AccessClaims {
  sub: string;
  /** users.token_version when issued: a password change or disabling makes older tokens invalid. */
  tv: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The one algorithm access tokens are signed and verified with. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/**
 * Short-lived access tokens (JWT, HS256) and long-lived refresh tokens (random, stored hashed, rotated on
 * every use; a used token presented again revokes its whole family, as a stolen token would be).
 */
@Injectable()
export class TokensService {
  private readonly accessTtl: number;
  private readonly refreshTtlMs: number;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService,
  ) {
    this.accessTtl = config.get<number>('ACCESS_TOKEN_TTL_SECONDS') ?? 600;
    this.refreshTtlMs = (config.get<number>('REFRESH_TOKEN_TTL_DAYS') ?? 30) * 86_400_000;
  }

  async issue(em: EntityManager, user: User, familyId: string = uuidv7()): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await insertEntity(em, RefreshToken, {
      id: uuidv7(),
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.refreshTtlMs),
    });
    const claims: AccessClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.accessTtl });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTtl };
  }

  /**
   * An access token is accepted only when signed with our key by the configured algorithm (never `none`,
   * never another HMAC or an RSA/EC algorithm), with an expiry, a UUID subject and an integer token version:
   * a token without `exp` would be valid forever, and a malformed `sub` must not reach a query.
   */
  async verifyAccess(token: string): Promise<AccessClaims> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, { algorithms: [ACCESS_TOKEN_ALGORITHM] });
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      throw new AuthError('TOKEN_INVALID', expired ? '登录已过期，请刷新或重新登录' : '登录凭证无效');
    }
    const { exp, sub, tv } = claims;
    if (typeof exp !== 'number' || typeof sub !== 'string' || !UUID_PATTERN.test(sub) || typeof tv !== 'number' || !Number.isInteger(tv)) {
      throw new AuthError('TOKEN_INVALID', '登录凭证无效');
    }
    return { sub, tv };
  }

  /**
   * Marks a refresh token used. A token used before means a copy is in someone else's hands: the whole
   * family is revoked, and the caller must commit that before refusing (`reused`).
   */
  async consume(em: EntityManager, presented: string): Promise<{ userId: string; familyId: string; reused: boolean }> {
    const token = await em
      .getRepository(RefreshToken)
      .findOne({ where: { tokenHash: sha256(presented) }, lock: { mode: 'pessimistic_write' } });
    if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) {
      throw new AuthError('REFRESH_TOKEN_INVALID', '刷新凭证无效或已过期，请重新登录');
    }
    if (token.usedAt) {
      await this.revokeFamily(em, token.familyId);
      return { userId: token.userId, familyId: token.familyId, reused: true };
    }
    await em.getRepository(RefreshToken).update({ id: token.id }, { usedAt: new Date() });
    return { userId: token.userId, familyId: token.familyId, reused: false };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Logging out: revokes the presented token's family if it is the caller's own; another's is left alone. */
  async revokeOwn(em: EntityManager, presented: string, userId: string): Promise<boolean> {
    const token = await em.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(presented) });
    if (!token || token.userId !== userId) return false;
    await this.revokeFamily(em, token.familyId);
    return true;
  }

  async revokeAll(em: EntityManager, userId: string): Promise<void> {
    await em.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
