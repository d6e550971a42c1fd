import { generateKeyPairSync, sign } from 'node:crypto';
import { publicKeyText, fingerprint, signCheckpoint } from '../../integrity/domain/checkpoint.rules';
import { ArchiveManifest, MANIFEST_FORMAT, manifestBytes, sha256Hex } from './manifest';
import { opensAs, PackageEntry, safePath, verifyPackage } from './package-verifier';
import { retentionOf } from './retention.rules';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = publicKeyText(publicKey);
const PDF = Buffer.from('%PDF-1.4 invoice');
const TXT = Buffer.from('说明', 'utf8');

function entry(path: string, data: Buffer): PackageEntry {
  return { path, size: data.length, sha256: sha256Hex(data), head: data.subarray(0, 16) };
}

function signed(files: Record<string, Buffer>, over: Partial<ArchiveManifest> = {}) {
  const checkpoint = signCheckpoint({ v: 1, n: 1, at: '2026-03-01T00:00:00Z', prev: '0'.repeat(64), key, heads: [['u', 'records', 3, 'h']] }, privateKey);
  const manifest: ArchiveManifest = {
    format: MANIFEST_FORMAT,
    package: { id: 'p', version: 1, scope: 'month', from: '2026-02', to: '2026-02', createdAt: '2026-03-01T00:00:00Z', createdBy: '会计' },
    union: { id: 'u', code: 'U1', name: '工会', center: '中心' },
    items: Object.entries(files).map(([path, data]) => ({ path, type: 'document', title: path, from: '2026-02', to: '2026-02', mediaType: path.endsWith('.pdf') ? 'application/pdf' : 'text/plain', size: data.length, sha256: sha256Hex(data), retention: retentionOf('vouchers', 2026) })),
    integrity: { ok: true, checkpoint },
    signer: { algorithm: 'Ed25519', key, fingerprint: fingerprint(key) },
    ...over,
  };
  const bytes = manifestBytes(manifest);
  return { manifest: bytes, signature: sign(null, bytes, privateKey).toString('base64') };
}

const files = { '02-原始凭证/发票.pdf': PDF, '00-说明.txt': TXT };
const entriesOf = (f: Record<string, Buffer>) => [...Object.entries(f).map(([p, d]) => entry(p, d)), entry('metadata.sig', Buffer.from('x'))];

describe('archive package verification (四性)', () => {
  it('passes a package whose every listed file is there with its hash, signed by the trusted key', () => {
    const r = verifyPackage({ entries: entriesOf(files), ...signed(files) }, [fingerprint(key)]);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, authenticity: { signature: 'valid', checkpoint: 'valid', trusted: true }, integrity: { listed: 2, present: 2 } });
  });

  it('names a tampered, a missing and an extra file', () => {
    const got = { '02-原始凭证/发票.pdf': Buffer.from('%PDF-1.4 forged!'), 'extra.txt': TXT };
    const r = verifyPackage({ entries: entriesOf(got), ...signed(files) });
    expect(r.ok).toBe(false);
    expect(r.integrity).toMatchObject({ tampered: ['02-原始凭证/发票.pdf'], missing: ['00-说明.txt'], extra: ['extra.txt'] });
    expect(r.problems.join('\n')).toContain('文件被改动：02-原始凭证/发票.pdf');
    expect(r.authenticity.trusted).toBeNull();
  });

  it('refuses a signature that does not match the metadata, or a key nobody trusts', () => {
    const s = signed(files);
    const other = signed({ ...files, 'b.txt': TXT });
    expect(verifyPackage({ entries: entriesOf(files), manifest: s.manifest, signature: other.signature }).authenticity.signature).toBe('invalid');
    expect(verifyPackage({ entries: entriesOf(files), manifest: s.manifest, signature: null }).authenticity.signature).toBe('missing');
    const untrusted = verifyPackage({ entries: entriesOf(files), ...s }, ['f'.repeat(64)]);
    expect([untrusted.ok, untrusted.authenticity.trusted]).toEqual([false, false]);
    expect(verifyPackage({ entries: entriesOf(files), manifest: null, signature: null }).ok).toBe(false);
    expect(verifyPackage({ entries: entriesOf(files), manifest: Buffer.from('{"format":"x"}'), signature: 'x' }).problems[0]).toContain('不是本系统的档案元数据格式');
  });

  it('finds a file that does not open as its type, and entries that escape the package', () => {
    const bad = { '02-原始凭证/发票.pdf': Buffer.from('not a pdf at all'), '00-说明.txt': TXT };
    const r = verifyPackage({ entries: entriesOf(bad), ...signed(bad) });
    expect(r.usability).toEqual({ ok: false, unreadable: ['02-原始凭证/发票.pdf'] });
    const escaping = verifyPackage({ entries: [...entriesOf(files), entry('../etc/passwd', TXT)], ...signed(files) });
    expect(escaping.security).toEqual({ ok: false, unsafe: ['../etc/passwd'] });
    expect([safePath('a/b.pdf'), safePath('/a'), safePath('a/../b'), safePath('C:/x'), safePath('a\\b')]).toEqual([true, false, false, false, false]);
    expect([opensAs('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), opensAs('application/x-msdownload', Buffer.from('MZ'))]).toEqual([true, false]);
  });
});
