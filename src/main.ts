import './config/env-file.preload';
import 'reflect-metadata';
import type { Logger as PinoLogger } from 'pino';
import { ConfigurationError, validateEnv } from './config/app.config';
import { createApp } from './app.setup';
import { resolveJwtSecret } from './auth/jwt-secret';
import { createRootLogger } from './common/http/logging';
import { resolveDatabase } from './database/database-url';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';
import { DatabaseRoleError } from './database/service-role';

/** What start-up and shutdown say, by level: the normal steps are info, anything recovered or cut short a warning. */
const NORMAL = /^(embedded PostgreSQL ready on |SIGTERM received: stopping|SIGINT received: stopping|stopped$)/;

/**
 * Start-up order: `.env` (first import), validate configuration, then the database (embedded unless
 * DATABASE_URL is set; what a crashed run left behind is cleared, and the server is restarted should it die),
 * then the app (which runs pending migrations). SIGINT/SIGTERM stop it in the other order, within
 * SHUTDOWN_TIMEOUT_SECONDS (GracefulShutdown). Every line goes through the service's pino logger (one JSON
 * object per line, LOG_LEVEL); only the first administrator password stays off it (auth/initial-password.ts).
 */
async function bootstrap(log: { current: PinoLogger }): Promise<void> {
  const env = validateEnv(process.env);
  const root = createRootLogger(env.LOG_LEVEL);
  log.current = root.child({ context: 'start-up' });
  const say = (line: string) => (NORMAL.test(line) ? log.current.info(line) : log.current.warn(line));
  const shutdown = new GracefulShutdown({ deadlineMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000, log: say }).listen();
  const postgres = root.child({ context: 'postgres' });
  const database = await resolveDatabase(
    env,
    (line) => {
      if (line.startsWith('embedded')) say(line);
      else if (/FATAL|PANIC/.test(line)) postgres.fatal(line);
      else if (/ERROR/.test(line)) postgres.error(line);
    },
    { ownSignalHandling: true, supervise: true },
  );
  if (database.embedded) shutdown.database(() => database.embedded!.stop());
  const app = await createApp(
    { database: { url: database.url, migrationUrl: database.migrationUrl, embedded: database.embedded !== null }, jwtSecret: resolveJwtSecret(env) },
    { swagger: env.SWAGGER_ENABLED === 'true' },
  );
  shutdown.application(app);
  await app.listen({ port: env.PORT, host: env.HOST });
  log.current.info(`union-ledger listening on http://${['0.0.0.0', '::'].includes(env.HOST) ? 'localhost' : env.HOST}:${env.PORT} (API docs at /docs)`);
}

// until the configuration is read (LOG_LEVEL among it), start-up logs at info
const log = { current: createRootLogger('info').child({ context: 'start-up' }) };
bootstrap(log).catch((err: unknown) => {
  if (err instanceof ConfigurationError || err instanceof EmbeddedPostgresError || err instanceof DatabaseRoleError) {
    log.current.fatal(err.message);
  } else {
    log.current.fatal({ err }, 'union-ledger failed to start');
  }
  process.exit(1);
});
