import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomInt } from 'node:crypto';

const MIN_LENGTH = 10;
const MAX_LENGTH = 128;
// no 0/O/1/l/I: generated passwords are read out or copied by hand
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** argon2id hashing (OWASP parameters by default) and the password policy. */
@Injectable()
export class PasswordService {
  private readonly options: { memoryCost: number; timeCost: number };
  private dummy: Promise<string> | undefined;

  constructor(config: ConfigService) {
    this.options = { memoryCost: config.get<number>('ARGON2_MEMORY_KIB') ?? 19456, timeCost: config.get<number>('ARGON2_ITERATIONS') ?? 2 };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /**
   * One argon2 verification, always: against the user's hash, or (no such user) against a dummy hash that
   * never matches, so an unknown name costs exactly what a wrong password does.
   */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    this.dummy ??= this.hash('not-a-real-password-' + randomInt(1e9));
    const against = passwordHash ?? (await this.dummy);
    try {
      return (await verify(against, password)) && passwordHash !== null;
    } catch {
      return false;
    }
  }

  /** Why a password is refused, or null. */
  problem(password: string, username: string): string | null {
    if (password.length < MIN_LENGTH) return `密码至少 ${MIN_LENGTH} 个字符`;
    if (password.length > MAX_LENGTH) return `密码最多 ${MAX_LENGTH} 个字符`;
    if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
    if (new Set(password).size < 4) return '密码过于简单';
    return null;
  }

  generate(length = 16): string {
    return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  }
}
