import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppEnv, validateEnv } from './app.config';
import { loadEnvFile } from './env-file';

/** Every setting the service reads: the properties of AppEnv that carry validation rules. */
function settings(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(AppEnv, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

/** A valid value for each setting, different from its default (to see that the file's value arrives). */
const NON_DEFAULT: Record<string, string> = {
  NODE_ENV: 'production',
  PORT: '3999',
  HOST: '0.0.0.0',
  DATABASE_URL: 'postgres://u:p@db.example:5433/ledger',
  MIGRATION_DATABASE_URL: 'postgres://owner:p@db.example:5433/ledger',
  DATABASE_ALLOW_PRIVILEGED_ROLE: 'true',
  DB_POOL_SIZE: '7',
  DB_POOL_WAIT_SECONDS: '15',
  DATA_DIR: '/var/lib/union-ledger',
  EMBEDDED_PG_PORT: '55999',
  LOG_LEVEL: 'warn',
  LEDGER_TIMEZONE: 'Asia/Urumqi',
  SWAGGER_ENABLED: 'false',
  JWT_SECRET: 'a-secret-from-the-env-file-0123456789abcdef',
  ACCESS_TOKEN_TTL_SECONDS: '900',
  REFRESH_TOKEN_TTL_DAYS: '7',
  LOGIN_RATE_LIMIT: '50',
  LOCKOUT_THRESHOLD: '3',
  LOCKOUT_MINUTES: '30',
  ADMIN_USERNAME: 'root-admin',
  ADMIN_PASSWORD: 'from-the-env-file-42',
  ARGON2_MEMORY_KIB: '8192',
  ARGON2_ITERATIONS: '3',
  EXPORT_DIR: '/srv/exports',
  ARCHIVE_DIR: '/srv/archive',
  EXPORT_DIRECT_ROWS: '1000',
  EXPORT_RETENTION_MINUTES: '60',
  SHUTDOWN_TIMEOUT_SECONDS: '12',
  ENV_FILE: 'settings.env',
  TRUST_PROXY: 'true',
  JOBS_RUN: 'false',
  EXPORT_CONCURRENCY: '3',
  METRICS_TOKEN: 'metrics-token-from-the-file',
  CORS_ORIGINS: 'https://oa.example.cn',
  BACKUP_DIR: '/srv/backups',
  CHECKPOINT_INTERVAL_MINUTES: '15',
  CHECKPOINT_KEY_FILE: '/etc/union-ledger/checkpoint-key.pem',
};

function folderWith(envFile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ul-env-'));
  writeFileSync(join(dir, '.env'), envFile);
  return dir;
}

describe('.env', () => {
  it('has a test value for every setting (add one here for a new setting)', () => {
    expect(Object.keys(NON_DEFAULT).sort()).toEqual(settings());
  });

  it('applies every setting of the file, each different from its default', () => {
    const file = Object.entries(NON_DEFAULT)
      .filter(([name]) => name !== 'ENV_FILE') // names the file itself: read from the environment only
      .map(([name, value]) => `${name}=${value}`)
      .join('\n');
    const env: NodeJS.ProcessEnv = {};
    const result = loadEnvFile(env, folderWith(file));
    const config = validateEnv(env) as unknown as Record<string, unknown>;
    const defaults = validateEnv({}) as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(NON_DEFAULT)) {
      if (name === 'ENV_FILE') continue;
      expect({ name, value: String(config[name]) }).toEqual({ name, value });
      expect({ name, differs: config[name] !== defaults[name] }).toEqual({ name, differs: true });
    }
    expect(result.applied.sort()).toEqual(settings().filter((n) => n !== 'ENV_FILE'));
  });

  it('lets the environment win over the file, and reports which', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000' };
    const result = loadEnvFile(env, folderWith('PORT=5000\nLOG_LEVEL=debug\n'));
    expect(env).toMatchObject({ PORT: '4000', LOG_LEVEL: 'debug' });
    expect(result).toMatchObject({ applied: ['LOG_LEVEL'], overridden: ['PORT'] });
  });

  it('reads the file named by ENV_FILE, and refuses a missing one', () => {
    const dir = folderWith('PORT=5000\n');
    writeFileSync(join(dir, 'other.env'), 'PORT=6000\n');
    const env: NodeJS.ProcessEnv = { ENV_FILE: 'other.env' };
    loadEnvFile(env, dir);
    expect(env.PORT).toBe('6000');
    expect(() => loadEnvFile({ ENV_FILE: 'missing.env' }, dir)).toThrow(/ENV_FILE=missing\.env: no such file/);
  });

  it('without a file changes nothing', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(env, mkdtempSync(join(tmpdir(), 'ul-env-')))).toEqual({ file: null, applied: [], overridden: [] });
    expect(env).toEqual({});
  });

  it('.env.example lists every setting, and nothing else', () => {
    const example = readFileSync(resolve(__dirname, '../../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual(settings());
  });

  it('is loaded by the service before any other module (the first import of main.ts)', () => {
    const main = readFileSync(resolve(__dirname, '../main.ts'), 'utf8');
    expect(main.match(/^import .*$/m)?.[0]).toBe("import './config/env-file.preload';");
  });
});
