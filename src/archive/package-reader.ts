import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { MANIFEST_PATH, SIGNATURE_PATH } from './domain/manifest';
import { PackageContents, PackageEntry } from './domain/package-verifier';

const HEAD_BYTES = 16;
/** metadata.json of a large union is a few MB at most; anything far larger is not ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export class PackageUnreadable extends Error {}

/**
 * Reads an archive zip entry by entry (never whole into memory): each file's SHA-256, size and first bytes,
 * and the metadata file and signature in full. A file that is not a zip is PackageUnreadable.
 */
export async function readPackage(path: string): Promise<PackageContents> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, decodeStrings: true, strictFileNames: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(new PackageUnreadable(`不是有效的 zip 档案包：${err.message}`)) : resolve(z),
    ),
  );
  const entries: PackageEntry[] = [];
  let manifest: Buffer | null = null;
  let signature: string | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new PackageUnreadable(`档案包损坏：${err.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(new PackageUnreadable(`档案包中的 ${entry.fileName} 无法读取：${err.message}`));
          const hash = createHash('sha256');
          const head: Buffer[] = [];
          let headLength = 0;
          let size = 0;
          const whole = entry.fileName === MANIFEST_PATH || entry.fileName === SIGNATURE_PATH;
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            size += chunk.length;
            if (headLength < HEAD_BYTES) {
              head.push(chunk.subarray(0, HEAD_BYTES - headLength));
              headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
            }
            if (whole && size <= MAX_MANIFEST_BYTES) chunks.push(chunk);
          });
          stream.on('error', (e: Error) => reject(new PackageUnreadable(`档案包中的 ${entry.fileName} 已损坏：${e.message}`)));
          stream.on('end', () => {
            if (entry.fileName === MANIFEST_PATH) manifest = Buffer.concat(chunks);
            else if (entry.fileName === SIGNATURE_PATH) signature = Buffer.concat(chunks).toString('utf8');
            entries.push({ path: entry.fileName, size, sha256: hash.digest('hex'), head: Buffer.concat(head) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries: entries.filter((e) => e.path !== MANIFEST_PATH), manifest, signature };
}
