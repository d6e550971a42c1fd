import { join } from 'node:path';
import { AppEnv } from '../config/app.config';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedServer | null;
}

/** DATABASE_URL when set; otherwise the embedded server under DATA_DIR, started now. */
export async function resolveDatabase(
  env: AppEnv,
  log: (line: string) => void,
  opts: { ownSignalHandling: boolean },
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: env.DATA_DIR,
    port: env.EMBEDDED_PG_PORT,
    database: 'union_ledger',
    packageSignalHandlers: !opts.ownSignalHandling,
    log,
  });
  log(`embedded PostgreSQL ready on 127.0.0.1:${env.EMBEDDED_PG_PORT}, data in ${join(env.DATA_DIR, 'pg')}`);
  return { url: embedded.url, embedded };
}
