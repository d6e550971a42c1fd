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

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  DB_POOL_SIZE = 10;

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
