import { createHash, createPublicKey, verify } from 'node:crypto';
import type { Checkpoint } from '../../integrity/domain/checkpoint.rules';
import type { ArchiveScope } from './archive-scope.rules';
import type { Retention } from './retention.rules';

export const MANIFEST_FORMAT = 'union-ledger-archive/1';
/** The metadata file (会计档案元数据 / 保管清册) and its detached Ed25519 signature, at the zip's root. */
export const MANIFEST_PATH = 'metadata.json';
export const SIGNATURE_PATH = 'metadata.sig';

export type ItemType =
  | 'voucher-pdf'
  | 'voucher-journal'
  | 'document'
  | 'book'
  | 'statement'
  | 'bank'
  | 'claims'
  | 'audit-log'
  | 'readme'
  | 'interchange';

export const ITEM_TYPE_LABEL: Record<ItemType, string> = {
  'voucher-pdf': '记账凭证（PDF）',
  'voucher-journal': '记账凭证（序时簿）',
  document: '原始凭证',
  book: '会计账簿',
  statement: '财务会计报告',
  bank: '银行对账单',
  claims: '报销单及审批记录',
  'audit-log': '审计日志',
  readme: '说明',
  interchange: '数据接口文件',
};

export interface ManifestItem {
  /** Path inside the zip (forward slashes, no leading slash). */
  path: string;
  type: ItemType;
  title: string;
  /** The months the item covers, YYYY-MM. */
  from: string;
  to: string;
  mediaType: string;
  size: number;
  sha256: string;
  retention: Retention;
}

export interface ArchiveManifest {
  format: typeof MANIFEST_FORMAT;
  package: { id: string; version: number; scope: ArchiveScope; from: string; to: string; createdAt: string; createdBy: string };
  union: { id: string; code: string; name: string; center: string };
  items: ManifestItem[];
  /** The books' verification at the moment the package was read, and the checkpoint that signs its chain heads. */
  integrity: { ok: boolean; checkpoint: Checkpoint | null };
  /** Who signed metadata.json: Ed25519 public key (base64url of its 32 bytes) and its SHA-256 fingerprint. */
  signer: { algorithm: 'Ed25519'; key: string; fingerprint: string };
}

/** The exact bytes written as metadata.json (and signed). */
export function manifestBytes(m: ArchiveManifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

export function sha256Hex(data: Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether `signature` (base64) is the Ed25519 signature of `bytes` by the key (base64url of 32 bytes). */
export function signatureValid(bytes: Buffer, signature: string, keyText: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: keyText }, format: 'jwk' });
    return verify(null, bytes, key, Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false;
  }
}
