import 'reflect-metadata';
import { ConfigurationError, validateEnv } from './config/app.config';
import { createApp } from './app.setup';
import { resolveJwtSecret } from './auth/jwt-secret';
import { resolveDatabase } from './database/database-url';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { DatabaseRoleError } from './database/service-role';

/**
 * Start-up order: validate configuration, then the database (embedded unless DATABASE_URL is set), then the
 * app (which runs pending migrations). Shutdown runs the other way on SIGINT/SIGTERM: stop taking requests,
 * close the pool, stop the embedded server.
 */
async function bootstrap(): Promise<void> {
  const env = validateEnv(process.env);
  const quiet = (line: string) => {
    if (/FATAL|ERROR|PANIC/.test(line)) process.stderr.write(`[postgres] ${line}\n`);
  };
  const database = await resolveDatabase(env, (line) => (line.startsWith('embedded') ? console.log(line) : quiet(line)), {
    ownSignalHandling: true,
  });
  const app = await createApp(
    { database: { url: database.url, migrationUrl: database.migrationUrl, embedded: database.embedded !== null }, jwtSecret: resolveJwtSecret(env) },
    { swagger: env.SWAGGER_ENABLED === 'true' },
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: shutting down`);
    try {
      await app.close();
    } finally {
      await database.embedded?.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

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
