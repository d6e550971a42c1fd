import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { restoreDatabase } from '../backup/database-restore';
import { validateEnv } from '../config/app.config';
import { resolveDatabase } from '../database/database-url';
import { runMigrationsAsOwner } from '../database/service-role';

export interface RestoreTarget {
  /** A superuser's connection to the target database. */
  adminUrl: string;
  /** The schema owner's: the migrations of this version make the schema first. */
  ownerUrl: string;
  /** The service role's: verification reads the restored books as the service would. */
  serviceUrl: string;
}

/** Migrations, the restore, then `verify` (every chain, balance and numbering) on the restored database. */
export async function restoreAndVerify(folder: string, target: RestoreTarget, print: (line: string) => void): Promise<boolean> {
  await runMigrationsAsOwner(target.ownerUrl);
  const manifest = await restoreDatabase(folder, target.adminUrl);
  print(`restored ${manifest.tables.length} tables of ${manifest.createdAt} (schema ${manifest.lastMigration}); verifying…`);
  return (await runVerify(target.serviceUrl, target.ownerUrl, print)) === 0;
}

/** The verify command as its own process, on the restored database. */
function runVerify(serviceUrl: string, ownerUrl: string, print: (line: string) => void): Promise<number> {
  const script = join(__dirname, `verify${extname(__filename)}`);
  const args = extname(__filename) === '.ts' ? ['-r', 'ts-node/register/transpile-only', script] : [script];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: serviceUrl, MIGRATION_DATABASE_URL: ownerUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(print));
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

/**
 * npm run restore -- FOLDER: into the embedded server of DATA_DIR (a new, empty DATA_DIR; no service running
 * on it), or, with DATABASE_URL, into that empty database: then MIGRATION_DATABASE_URL (owner) and
 * RESTORE_ADMIN_URL (a superuser's URL to the same database) are needed too. Exit 0 only when verified.
 */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder || !existsSync(join(folder, 'manifest.json'))) {
    console.error('usage: npm run restore -- DATA_DIR/backups/union-ledger-…   (a backup folder with its manifest.json)');
    process.exit(2);
  }
  const env = validateEnv(process.env);
  if (env.DATABASE_URL && !process.env.RESTORE_ADMIN_URL) {
    console.error('restore into DATABASE_URL needs RESTORE_ADMIN_URL: a superuser connection to the same, empty database');
    process.exit(2);
  }
  const { url, migrationUrl, embedded } = await resolveDatabase(env, (line) => console.log(line), { ownSignalHandling: false });
  try {
    const adminUrl = embedded ? embedded.url : process.env.RESTORE_ADMIN_URL!;
    const ok = await restoreAndVerify(resolve(folder), { adminUrl, ownerUrl: migrationUrl, serviceUrl: url }, (line) => console.log(line));
    console.log(ok ? 'restore verified: the service may start on this database' : 'restore did NOT verify: do not start the service on it');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('restore failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  });
}
