import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { BACKUP_FORMAT, BackupManifest, BackupTable, quoteIdent } from './backup-manifest';

/** Schemas a backup holds: the books (public) and the job queue (pgboss). */
export const BACKUP_SCHEMAS = ['public', 'pgboss'];
/** Made again by the migrations of the restoring service; compared, never copied. */
const NOT_COPIED = new Set(['public.migrations']);

/**
 * Writes a consistent backup of the database at `url` into a new folder under `dir`: every table of the
 * books and the job queue read in one REPEATABLE READ READ ONLY snapshot (posting goes on meanwhile; the
 * backup is the books at one instant), each as gzipped COPY text, with manifest.json (format, schema
 * version, rows and sha256 per file, sequences, chain heads). The service role may run it: it reads
 * every table. The folder appears under its final name only when complete.
 */
export async function backupDatabase(url: string, dir: string, now = new Date()): Promise<{ path: string; manifest: BackupManifest }> {
  const name = `union-ledger-${now.toISOString().replace(/[:.]/g, '-')}`;
  const partial = join(dir, `.${name}.partial`);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  const client = new Client({ connectionString: url, application_name: 'union-ledger-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: [info] } = await client.query<{ server: string; snapshot: string; last: string | null }>(
      `SELECT version() AS server, txid_current_snapshot()::text AS snapshot,
              (SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1) AS last`,
    );
    if (!info.last) throw new Error('the database has no migrations: nothing to back up');
    const tables: BackupTable[] = [];
    for (const t of await listTables(client)) {
      const file = `${String(tables.length + 1).padStart(3, '0')}-${t.schema}.${t.name}.copy.gz`;
      const hash = createHash('sha256');
      let rows = 0;
      const source = client.query(copyTo(`COPY (SELECT ${t.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)}) TO STDOUT`));
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          for (const byte of chunk) if (byte === 10) rows++;
          done(null, chunk);
        },
      });
      const digest = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(source, count, createGzip(), digest, createWriteStream(join(partial, file), { mode: 0o600 }));
      tables.push({ ...t, rows, file, sha256: hash.digest('hex') });
    }
    const { rows: sequences } = await client.query<{ schema: string; name: string; lastValue: string | null }>(
      `SELECT schemaname AS schema, sequencename AS name, last_value::text AS "lastValue" FROM pg_sequences
        WHERE schemaname = ANY($1) ORDER BY 1, 2`,
      [BACKUP_SCHEMAS],
    );
    const { rows: chainHeads } = await client.query<BackupManifest['chainHeads'][number]>(
      `SELECT union_id AS "unionId", chain, seq::text AS seq, hash FROM chain_heads ORDER BY union_id, chain`,
    );
    await client.query('COMMIT');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      server: info.server,
      lastMigration: info.last,
      snapshot: info.snapshot,
      tables,
      sequences,
      chainHeads,
    };
    await writeFile(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    const path = join(dir, name);
    await rename(partial, path);
    return { path, manifest };
  } finally {
    await client.end();
  }
}

/** Ordinary and partitioned tables (not the partitions: their rows are read through the parent), with their columns. */
async function listTables(client: Client): Promise<Omit<BackupTable, 'rows' | 'file' | 'sha256'>[]> {
  const { rows } = await client.query<{ schema: string; name: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1)
      GROUP BY n.nspname, c.relname
      ORDER BY n.nspname, c.relname`,
    [BACKUP_SCHEMAS],
  );
  return rows.filter((t) => !NOT_COPIED.has(`${t.schema}.${t.name}`));
}

/** Streams one table's file into the table (inside the caller's transaction). */
export async function copyTableIn(client: Client, t: BackupTable, folder: string): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${quoteIdent(t.schema)}.${quoteIdent(t.name)} (${t.columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  await pipeline(createReadStream(join(folder, t.file)), createGunzip(), sink);
}

/** sha256 of a file as written (gzipped). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), new Transform({ transform: (c: Buffer, _e, d) => (hash.update(c), d()) }));
  return hash.digest('hex');
}
