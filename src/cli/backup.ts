import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { backupDatabase } from '../backup/database-backup';
import { validateEnv } from '../config/app.config';
import { resolveDatabase } from '../database/database-url';

/**
 * npm run backup: a consistent backup of the books (docs/operations.md) into BACKUP_DIR (default
 * DATA_DIR/backups), beside a running service or not. Connects as the schema owner (MIGRATION_DATABASE_URL,
 * or the embedded server's), which can read every table and sequence.
 */
async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const dir = resolve(env.BACKUP_DIR ?? join(env.DATA_DIR, 'backups'));
  const { migrationUrl, embedded } = await resolveDatabase(env, () => undefined, { ownSignalHandling: false, attach: true });
  try {
    const { path, manifest } = await backupDatabase(migrationUrl, dir);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`backup written: ${path}`);
    console.log(`  schema ${manifest.lastMigration}, ${manifest.tables.length} tables, ${rows} rows, ${manifest.chainHeads.length} chain heads`);
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('backup failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
