import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { BackupManifest, headLines, quoteIdent, readManifest } from './backup-manifest';
import { copyTableIn, fileSha256 } from './database-backup';

export class RestoreRefused extends Error {}

/**
 * Restores a backup folder into a database whose schema the service's migrations have just made (and that
 * holds nothing else): checks every file against the manifest first, refuses another schema version, then in
 * one transaction as a superuser — triggers off (`session_replication_role = replica`: the rows are the
 * books as they were, their chains and balances are not to be recomputed or re-guarded while copied) —
 * empties what the migrations seeded, copies every table, sets the sequences, and compares the chain heads.
 * Verification of the restored books (npm run verify) is the caller's next step.
 */
export async function restoreDatabase(folder: string, adminUrl: string): Promise<BackupManifest> {
  const manifest = readManifest(await readFile(join(folder, 'manifest.json'), 'utf8'));
  for (const t of manifest.tables) {
    if ((await fileSha256(join(folder, t.file))) !== t.sha256) throw new RestoreRefused(`${t.file} does not match its checksum: the backup is damaged`);
  }
  const client = new Client({ connectionString: adminUrl, application_name: 'union-ledger-restore' });
  await client.connect();
  try {
    const { rows: [target] } = await client.query<{ last: string | null; superuser: boolean; vouchers: string }>(
      `SELECT (SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1) AS last,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT count(*) FROM (SELECT 1 FROM vouchers LIMIT 1) v)::text AS vouchers`,
    );
    if (!target.superuser) throw new RestoreRefused('restore must connect as a superuser (triggers are switched off while the rows are copied)');
    if (target.last !== manifest.lastMigration) {
      throw new RestoreRefused(`the backup is of schema version ${manifest.lastMigration}, this database is at ${target.last}: restore with the service version that made the backup, then upgrade`);
    }
    if (target.vouchers !== '0') throw new RestoreRefused('the target database already holds vouchers: restore only into a new, empty database');
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    const names = manifest.tables.map((t) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`);
    await client.query(`TRUNCATE ${names.join(', ')}`);
    for (const t of manifest.tables) await copyTableIn(client, t, folder);
    for (const s of manifest.sequences) {
      const seq = `${quoteIdent(s.schema)}.${quoteIdent(s.name)}`;
      if (s.lastValue === null) await client.query(`SELECT setval($1::regclass, 1, false)`, [seq]);
      else await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [seq, s.lastValue]);
    }
    for (const t of manifest.tables) {
      const { rows: [{ n }] } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`);
      if (Number(n) !== t.rows) throw new RestoreRefused(`${t.schema}.${t.name}: ${n} rows restored, the backup has ${t.rows}`);
    }
    const { rows: heads } = await client.query<BackupManifest['chainHeads'][number]>(
      `SELECT union_id AS "unionId", chain, seq::text AS seq, hash FROM chain_heads`,
    );
    if (headLines(heads).join('\n') !== headLines(manifest.chainHeads).join('\n')) throw new RestoreRefused('the restored chain heads differ from the backup');
    await client.query('COMMIT');
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
