import { join, resolve } from 'node:path';
import { AppEnv } from '../config/app.config';
import { embeddedRolePasswords, OWNER_ROLE, provisionRoles, SERVICE_ROLE, withRole } from './database-roles';
import { EmbeddedServer, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  /** The service's connection (the service role). */
  url: string;
  /** The schema owner's connection, for migrations. */
  migrationUrl: string;
  embedded: EmbeddedServer | null;
}

const EMBEDDED_DATABASE = 'union_ledger';

/**
 * DATABASE_URL (and MIGRATION_DATABASE_URL) when set; otherwise the embedded server under DATA_DIR, started
 * now (or, for tools run beside a running service with `attach`, the one that service started), with its
 * owner and service roles made or checked on every start.
 */
export async function resolveDatabase(
  env: AppEnv,
  log: (line: string) => void,
  opts: { ownSignalHandling: boolean; attach?: boolean },
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, migrationUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL, embedded: null };
  const passwords = embeddedRolePasswords(resolve(env.DATA_DIR));
  const asRoles = (url: string) => ({ url: withRole(url, SERVICE_ROLE, passwords.service), migrationUrl: withRole(url, OWNER_ROLE, passwords.owner) });
  const running = opts.attach ? runningEmbeddedUrl({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT, database: EMBEDDED_DATABASE }) : null;
  if (running) return { ...asRoles(running), embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: env.DATA_DIR,
    port: env.EMBEDDED_PG_PORT,
    database: EMBEDDED_DATABASE,
    packageSignalHandlers: !opts.ownSignalHandling,
    log,
  });
  try {
    await provisionRoles(embedded.adminUrl, EMBEDDED_DATABASE, passwords);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  log(`embedded PostgreSQL ready on 127.0.0.1:${env.EMBEDDED_PG_PORT}, data in ${join(env.DATA_DIR, 'pg')}`);
  return { ...asRoles(embedded.url), embedded };
}
