import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
import { CommonError } from '../common/errors/common.errors';

/**
 * Attempts per client address on login and refresh (LOGIN_RATE_LIMIT a minute; an office behind one NAT
 * address shares it, hence the generous default). Wrong passwords per name are limited separately by the
 * lockout. Past the limit: 429 in Chinese with Retry-After.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  /** One budget per address for login and refresh together (the default would count each route apart). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `login:${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new CommonError('TOO_MANY_REQUESTS', `该地址登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`, {
      retryAfterSeconds,
      limit: detail.limit,
      messageEn: `too many login attempts from this address: at most ${detail.limit} a minute; retry after ${retryAfterSeconds} s`,
    });
  }
}
