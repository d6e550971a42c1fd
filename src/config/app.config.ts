import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the service reads from the environment, with its default. Validated once, at boot. */
export class AppEnv {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = 'localhost';

  /** postgres://user:pass@host:port/db. Unset: an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must look like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string;

  /** The schema owner's URL, through which pending migrations run at start. Unset: DATABASE_URL's. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'MIGRATION_DATABASE_URL must look like postgres://user:password@host:5432/database' })
  MIGRATION_DATABASE_URL?: string;

  /** Lets the service run as a superuser or as the schema owner (it then could switch the database's guards off). */
  @IsOptional() @IsIn(['true', 'false'])
  DATABASE_ALLOW_PRIVILEGED_ROLE: 'true' | 'false' = 'false';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  DB_POOL_SIZE = 10;

  /**
   * Seconds a request waits for a free connection when all DB_POOL_SIZE are in use; then it answers 503
   * SERVICE_UNAVAILABLE with Retry-After (the service is saturated: shed load rather than queue without end).
   */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(600)
  DB_POOL_WAIT_SECONDS = 10;

  @IsOptional() @IsString()
  DATA_DIR = './data';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Accounting dates ("today", month ends) are taken in this zone; instants are stored in UTC. */
  @IsOptional() @IsString()
  LEDGER_TIMEZONE = 'Asia/Shanghai';

  @IsOptional() @IsIn(['true', 'false'])
  SWAGGER_ENABLED: 'true' | 'false' = 'true';

  /** HS256 key of the access tokens, ≥ 32 characters. Unset: a random key kept in DATA_DIR/jwt-secret. */
  @IsOptional() @IsString() @Matches(/^.{32,}$/, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(60) @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 600;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Login and refresh attempts per client address per minute (an office shares one NAT address). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  LOGIN_RATE_LIMIT = 100;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  LOCKOUT_THRESHOLD = 5;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1440)
  LOCKOUT_MINUTES = 15;

  /** The first administrator, created on an empty database. Without a password one is generated and printed once. */
  @IsOptional() @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'ADMIN_USERNAME: 3–64 of a-z 0-9 . _ -' })
  ADMIN_USERNAME = 'admin';

  @IsOptional() @IsString() @Matches(/^.{10,128}$/, { message: 'ADMIN_PASSWORD must be 10–128 characters' })
  ADMIN_PASSWORD?: string;

  /** argon2id cost (OWASP: 19 MiB, 2 passes). Tests lower it. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(1048576)
  ARGON2_MEMORY_KIB = 19456;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10)
  ARGON2_ITERATIONS = 2;

  /** Where finished export files wait for download. Unset: DATA_DIR/exports. */
  @IsOptional() @IsString()
  EXPORT_DIR?: string;

  /** Where archive packages (会计档案) are kept; the service never deletes them. Unset: DATA_DIR/archive. */
  @IsOptional() @IsString()
  ARCHIVE_DIR?: string;

  /** Exports of at most this many rows may also stream straight back; larger ones run as jobs. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000)
  EXPORT_DIRECT_ROWS = 50000;

  /** Minutes a finished export stays downloadable before its file is removed. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(43200)
  EXPORT_RETENTION_MINUTES = 1440;

  /** Minutes between signed checkpoints of the chain heads (docs/integrity.md); 0: only at exports. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1440)
  CHECKPOINT_INTERVAL_MINUTES = 5;

  /** The Ed25519 private key (PEM) that signs checkpoints. Unset: made on first start as DATA_DIR/checkpoint-key.pem. */
  @IsOptional() @IsString()
  CHECKPOINT_KEY_FILE?: string;

  /** Whether this process runs background jobs (exports); false: it only queues them for other processes. */
  @IsOptional() @IsIn(['true', 'false'])
  JOBS_RUN: 'true' | 'false' = 'true';

  /** Exports one process writes at once (each takes a core and a database connection while it writes). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(16)
  EXPORT_CONCURRENCY = 1;

  /**
   * Seconds a shutdown (SIGTERM, SIGINT) waits for requests and jobs in flight; then jobs are given up to
   * resume after a restart, and the service stops anyway.
   */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  SHUTDOWN_TIMEOUT_SECONDS = 30;

  /** The file of settings read at start (before all others); the environment wins over it. Default: .env */
  @IsOptional() @IsString()
  ENV_FILE?: string;

  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  @IsOptional() @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Set: GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. Unset: /metrics is open (restrict it at the proxy). */
  @IsOptional() @IsString() @Matches(/^.{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Origins allowed to call the API from a browser page of theirs, comma-separated. Unset: CORS off (the web app is same-origin). */
  @IsOptional() @Matches(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, { message: 'CORS_ORIGINS: comma-separated origins like https://oa.example.cn (scheme, host, port; no path)' })
  CORS_ORIGINS?: string;

  /** Where npm run backup writes. Unset: DATA_DIR/backups. */
  @IsOptional() @IsString()
  BACKUP_DIR?: string;
}

export class ConfigurationError extends Error {}

export function validateEnv(raw: Record<string, unknown>): AppEnv {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(AppEnv, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}=${JSON.stringify(raw[e.property])}: ${m}`),
  );
  if (!isTimeZone(env.LEDGER_TIMEZONE)) {
    problems.push(`  - LEDGER_TIMEZONE=${JSON.stringify(env.LEDGER_TIMEZONE)}: not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return env;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
