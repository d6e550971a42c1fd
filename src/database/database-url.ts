import { join } from 'node:path';
import { AppEnv } from '../config/app.config';
import { EmbeddedServer, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedServer | null;
}

/**
 * DATABASE_URL when set; otherwise the embedded server under DATA_DIR, started now (or, for tools run
 * beside a running service with `attach`, the one that service started).
 */
export async function resolveDatabase(
  env: AppEnv,
  log: (line: string) => void,
  opts: { ownSignalHandling: boolean; attach?: boolean; supervise?: boolean },
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const running = opts.attach ? runningEmbeddedUrl({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT, database: 'union_ledger' }) : null;
  if (running) return { url: running, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: env.DATA_DIR,
    port: env.EMBEDDED_PG_PORT,
    database: 'union_ledger',
    packageSignalHandlers: !opts.ownSignalHandling,
    supervise: opts.supervise,
    log,
  });
  log(`embedded PostgreSQL ready on 127.0.0.1:${env.EMBEDDED_PG_PORT}, data in ${join(env.DATA_DIR, 'pg')}`);
  return { url: embedded.url, embedded };
}
