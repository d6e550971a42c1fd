import 'reflect-metadata';
import { parseArgs } from 'node:util';

/**
 * npm run verify: recomputes and checks every union's books against the database (cli/verify-database).
 * npm run verify -- --checkpoint FILE [--public-key PEM-FILE|FINGERPRINT]: checks the signed checkpoint of
 * an exported cover (.xlsx) or a checkpoint line (.json) offline, with no database (cli/verify-cover).
 * --public-key also names the key the checkpoint log must be signed with (default DATA_DIR's).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } } });
  if (values.checkpoint) return (await import('./verify-cover')).checkFile(values.checkpoint, values['public-key']);
  return (await import('./verify-database')).verifyDatabase(values['public-key']);
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error('verify failed:', err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
