import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppEnv } from '../config/app.config';

/**
 * JWT_SECRET when set (required when several instances serve the same database); otherwise a random key
 * kept in DATA_DIR/jwt-secret (mode 0600), so tokens survive a restart of a single instance.
 */
export function resolveJwtSecret(env: AppEnv): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const dir = resolve(env.DATA_DIR);
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
