import './config/env-file.preload';
import 'reflect-metadata';
import { ConfigurationError, validateEnv } from './config/app.config';
import { createApp } from './app.setup';
import { resolveJwtSecret } from './auth/jwt-secret';
import { resolveDatabase } from './database/database-url';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';
import { DatabaseRoleError } from './database/service-role';

/**
 * Start-up order: `.env` (first import), validate configuration, then the database (embedded unless
 * DATABASE_URL is set; what a crashed run left behind is cleared, and the server is restarted should it die),
 * then the app (which runs pending migrations). SIGINT/SIGTERM stop it in the other order, within
 * SHUTDOWN_TIMEOUT_SECONDS (GracefulShutdown).
 */
async function bootstrap(): Promise<void> {
  const env = validateEnv(process.env);
  const shutdown = new GracefulShutdown({ deadlineMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000, log: (line) => console.log(line) }).listen();
  const quiet = (line: string) => {
    if (/FATAL|ERROR|PANIC/.test(line)) process.stderr.write(`[postgres] ${line}\n`);
  };
  const database = await resolveDatabase(env, (line) => (line.startsWith('embedded') ? console.log(line) : quiet(line)), {
    ownSignalHandling: true,
    supervise: true,
  });
  if (database.embedded) shutdown.database(() => database.embedded!.stop());
  const app = await createApp(
    { database: { url: database.url, migrationUrl: database.migrationUrl, embedded: database.embedded !== null }, jwtSecret: resolveJwtSecret(env) },
    { swagger: env.SWAGGER_ENABLED === 'true' },
  );
  shutdown.application(app);
  await app.listen({ port: env.PORT, host: env.HOST });
  console.log(`union-ledger listening on http://${['0.0.0.0', '::'].includes(env.HOST) ? 'localhost' : env.HOST}:${env.PORT} (API docs at /docs)`);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigurationError || err instanceof EmbeddedPostgresError || err instanceof DatabaseRoleError) {
    console.error(err.message);
  } else {
    console.error('union-ledger failed to start:', err);
  }
  process.exit(1);
});
