import { checkSignature, fingerprint } from '../../integrity/domain/checkpoint.rules';
import { ArchiveManifest, MANIFEST_FORMAT, MANIFEST_PATH, SIGNATURE_PATH, signatureValid } from './manifest';

/** One file found in a package, as read from the zip. */
export interface PackageEntry {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes of the file (at least 8), to see that it opens as its type says. */
  head: Buffer;
}

export interface PackageContents {
  entries: PackageEntry[];
  manifest: Buffer | null;
  signature: string | null;
}

/**
 * The four properties of an electronic archive (DA/T 94-2022 "四性"), as checked on a package:
 * authenticity (真实性: metadata.json signed by the service's key, the chain checkpoint's signature, the
 * key one an archivist trusts), integrity (完整性: every listed file there with its hash and size, nothing
 * extra), usability (可用性: every file opens as its type — PDF, xlsx/OFD, JPEG, PNG, JSON, text headers),
 * security (安全性: no entry escapes the package, no duplicate names, no executable content types).
 */
export interface ArchiveVerification {
  ok: boolean;
  authenticity: {
    ok: boolean;
    signature: 'valid' | 'invalid' | 'missing';
    checkpoint: 'valid' | 'invalid' | 'absent';
    /** The signer's fingerprint; whether it is one of the trusted keys (null: no trusted key was given). */
    fingerprint: string | null;
    trusted: boolean | null;
  };
  integrity: { ok: boolean; listed: number; present: number; missing: string[]; extra: string[]; tampered: string[] };
  usability: { ok: boolean; unreadable: string[] };
  security: { ok: boolean; unsafe: string[] };
  /** Each problem, in words an archivist reads. */
  problems: string[];
  manifest: Pick<ArchiveManifest, 'package' | 'union'> | null;
}

const SAFE_MEDIA = new Set([
  'application/pdf',
  'application/ofd',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/json',
  'application/xml',
  'text/plain',
  'image/jpeg',
  'image/png',
]);

/** Whether a file opens as its media type says, from its first bytes. */
export function opensAs(mediaType: string, head: Buffer): boolean {
  const starts = (bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
  switch (mediaType) {
    case 'application/pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
    case 'application/ofd':
      return starts([0x50, 0x4b, 0x03, 0x04]);
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'application/json':
      return ['{', '['].includes(head.toString('utf8').trimStart().charAt(0));
    case 'application/xml':
      return head.toString('utf8').trimStart().startsWith('<');
    case 'text/plain':
      return !head.includes(0);
    default:
      return false;
  }
}

/** A path that stays inside the package when unpacked anywhere. */
export function safePath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && !path.includes('\\') && !/^[A-Za-z]:/.test(path) && !path.split('/').some((p) => p === '..' || p === '.' || p === '');
}

export function verifyPackage(contents: PackageContents, trustedFingerprints?: string[]): ArchiveVerification {
  const problems: string[] = [];
  const unsafe: string[] = [];
  const seen = new Map<string, PackageEntry>();
  for (const e of [...contents.entries, ...(contents.manifest ? [{ path: MANIFEST_PATH } as PackageEntry] : [])]) {
    if (!safePath(e.path)) unsafe.push(e.path);
    else if (seen.has(e.path)) unsafe.push(e.path);
    if (e.path !== MANIFEST_PATH) seen.set(e.path, e);
  }

  let manifest: ArchiveManifest | null = null;
  if (!contents.manifest) problems.push(`缺少元数据文件 ${MANIFEST_PATH}，无法核对档案包`);
  else {
    try {
      const parsed = JSON.parse(contents.manifest.toString('utf8')) as ArchiveManifest;
      if (parsed?.format !== MANIFEST_FORMAT || !Array.isArray(parsed.items) || !parsed.signer?.key) throw new Error('format');
      manifest = parsed;
    } catch {
      problems.push(`元数据文件 ${MANIFEST_PATH} 不是本系统的档案元数据格式`);
    }
  }

  // authenticity
  let signature: ArchiveVerification['authenticity']['signature'] = 'missing';
  let checkpoint: ArchiveVerification['authenticity']['checkpoint'] = 'absent';
  let signer: string | null = null;
  let trusted: boolean | null = null;
  if (manifest && contents.manifest) {
    signer = fingerprint(manifest.signer.key);
    if (contents.signature === null) problems.push(`缺少签名文件 ${SIGNATURE_PATH}`);
    else {
      signature = signatureValid(contents.manifest, contents.signature, manifest.signer.key) ? 'valid' : 'invalid';
      if (signature === 'invalid') problems.push(`元数据文件的签名不正确：${MANIFEST_PATH} 在签名后被改动，或签名不是该密钥所签`);
    }
    if (manifest.integrity?.checkpoint) {
      const bad = checkSignature(manifest.integrity.checkpoint);
      checkpoint = bad === null && manifest.integrity.checkpoint.key === manifest.signer.key ? 'valid' : 'invalid';
      if (checkpoint === 'invalid') problems.push('账簿链检查点的签名不正确');
    }
    if (trustedFingerprints) {
      trusted = trustedFingerprints.includes(signer);
      if (!trusted) problems.push(`签名密钥（指纹 ${signer}）不是信任的本中心密钥`);
    }
  }

  // integrity
  const missing: string[] = [];
  const tampered: string[] = [];
  const unreadable: string[] = [];
  const listed = new Set<string>([SIGNATURE_PATH]);
  for (const item of manifest?.items ?? []) {
    listed.add(item.path);
    const e = seen.get(item.path);
    if (!e) {
      missing.push(item.path);
      problems.push(`缺少文件：${item.path}（${item.title}）`);
      continue;
    }
    if (e.sha256 !== item.sha256 || e.size !== item.size) {
      tampered.push(item.path);
      problems.push(`文件被改动：${item.path}（${item.title}）的 SHA-256 与元数据不符`);
    }
    if (!SAFE_MEDIA.has(item.mediaType)) unsafe.push(item.path);
    else if (!opensAs(item.mediaType, e.head)) {
      unreadable.push(item.path);
      problems.push(`文件无法按 ${item.mediaType} 打开：${item.path}`);
    }
  }
  const extra = manifest ? [...seen.keys()].filter((p) => !listed.has(p)) : [];
  for (const p of extra) problems.push(`多出未登记的文件：${p}`);
  for (const p of new Set(unsafe)) problems.push(`不安全的条目：${p}`);

  const authenticity = { ok: signature === 'valid' && checkpoint !== 'invalid' && trusted !== false, signature, checkpoint, fingerprint: signer, trusted };
  const integrity = { ok: manifest !== null && missing.length === 0 && extra.length === 0 && tampered.length === 0, listed: manifest?.items.length ?? 0, present: (manifest?.items.length ?? 0) - missing.length, missing, extra, tampered };
  const usability = { ok: manifest !== null && unreadable.length === 0, unreadable };
  const security = { ok: unsafe.length === 0, unsafe: [...new Set(unsafe)] };
  return {
    ok: authenticity.ok && integrity.ok && usability.ok && security.ok,
    authenticity,
    integrity,
    usability,
    security,
    problems,
    manifest: manifest ? { package: manifest.package, union: manifest.union } : null,
  };
}
