/**
 * What a backup is, written beside its data as manifest.json: enough to check the files before a restore
 * (sha256, rows), to refuse a restore into another schema version, and to prove afterwards that the restored
 * books are the ones backed up (the chain heads). Pure: no database, no file system.
 */
export const BACKUP_FORMAT = 'union-ledger-backup/1';

export interface BackupTable {
  schema: string;
  name: string;
  /** The columns in the order of the file's rows (COPY text format). */
  columns: string[];
  rows: number;
  /** Gzipped COPY text, relative to the manifest. */
  file: string;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** PostgreSQL's version string of the server backed up. */
  server: string;
  /** The last migration applied: a restore needs a service of exactly this schema version. */
  lastMigration: string;
  /** The snapshot's transaction: every table was read in this one REPEATABLE READ snapshot. */
  snapshot: string;
  tables: BackupTable[];
  sequences: { schema: string; name: string; lastValue: string | null }[];
  /** Integrity heads at the snapshot: every chain's last sequence number and hash (chain_heads). */
  chainHeads: { unionId: string; chain: string; seq: string; hash: string }[];
}

export class BackupFormatError extends Error {}

/** The parsed manifest, or why it is not one this version can restore. */
export function readManifest(json: string): BackupManifest {
  let m: Partial<BackupManifest>;
  try {
    m = JSON.parse(json) as Partial<BackupManifest>;
  } catch {
    throw new BackupFormatError('manifest.json is not JSON');
  }
  if (m.format !== BACKUP_FORMAT) throw new BackupFormatError(`unknown backup format ${JSON.stringify(m.format)} (expected ${BACKUP_FORMAT})`);
  if (!m.lastMigration || !Array.isArray(m.tables) || !Array.isArray(m.sequences) || !Array.isArray(m.chainHeads)) {
    throw new BackupFormatError('manifest.json is incomplete');
  }
  for (const t of m.tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(t.schema) || !/^[a-z_][a-z0-9_]*$/.test(t.name) || !t.columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c))) {
      throw new BackupFormatError(`unexpected table or column name in the manifest: ${t.schema}.${t.name}`);
    }
    if (!/^[\w.-]+$/.test(t.file)) throw new BackupFormatError(`unexpected file name in the manifest: ${t.file}`);
  }
  return m as BackupManifest;
}

/** The heads as text lines, sorted, for comparing a backup with what a restore produced. */
export function headLines(heads: BackupManifest['chainHeads']): string[] {
  return heads.map((h) => `${h.unionId} ${h.chain} ${h.seq} ${h.hash}`).sort();
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
