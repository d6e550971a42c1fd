import { generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH } from './chain.rules';
import { Checkpoint, CheckpointFold, checkSignature, fingerprint, lineHash, publicKeyText, signCheckpoint, SignedHead } from './checkpoint.rules';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = publicKeyText(publicKey);
const U = '01900000-0000-7000-8000-000000000001';
const h = (c: string) => c.repeat(64);

/** A log of checkpoints, each line linked to the one before. */
function log(heads: SignedHead[][]): string[] {
  let prev = GENESIS_HASH;
  return heads.map((hs, i) => {
    const line = JSON.stringify(signCheckpoint({ v: 1, n: i + 1, at: `2026-03-0${i + 1}T00:00:00.000Z`, prev, key, heads: hs }, privateKey));
    prev = lineHash(line);
    return line;
  });
}
const fold = (lines: string[], trusted = [fingerprint(key)]) => {
  const f = new CheckpointFold(trusted);
  lines.forEach((l) => f.feed(l));
  return f;
};

describe('checkpoints', () => {
  it('are signed over exactly their content, by the key they name', () => {
    const c = JSON.parse(log([[[U, 'audit', 3, h('a')]]])[0]) as Checkpoint;
    expect(checkSignature(c)).toBeNull();
    expect(checkSignature(c, [fingerprint(key)])).toBeNull();
    expect(checkSignature({ ...c, heads: [[U, 'audit', 4, h('a')]] })).toBe('bad-signature');
    expect(checkSignature({ ...c, at: '2027-01-01T00:00:00.000Z' })).toBe('bad-signature');
    const other = publicKeyText(generateKeyPairSync('ed25519').publicKey);
    expect(checkSignature({ ...c, key: other })).toBe('bad-signature');
    expect(checkSignature(c, [fingerprint(other)])).toBe('untrusted-key');
    expect(checkSignature({ v: 2 } as unknown as Checkpoint)).toBe('malformed');
  });

  it('fold to the latest signed head of every chain', () => {
    const f = fold(log([[[U, 'audit', 3, h('a')], [U, 'records', 7, h('b')]], [[U, 'audit', 5, h('c')]]]));
    expect(f.result().problems).toEqual([]);
    expect(f.head(U, 'audit')).toMatchObject({ seq: 5, hash: h('c'), n: 2 });
    expect(f.head(U, 'records')).toMatchObject({ seq: 7, hash: h('b'), n: 1 });
    expect(f.head(U, 'vouchers')).toBeNull();
  });

  it('report a line removed, reordered or altered, and a head that went back', () => {
    const lines = log([[[U, 'audit', 3, h('a')]], [[U, 'audit', 5, h('c')]], [[U, 'audit', 6, h('d')]]]);
    expect(fold([lines[0], lines[2]]).result().problems.map((p) => p.problem)).toEqual(['out-of-order', 'link-broken']);
    expect(fold([lines[0], lines[1].replace('"seq"', '"seq"').replace(h('c'), h('e')), lines[2]]).result().problems.map((p) => p.problem)).toEqual([
      'bad-signature',
      'link-broken',
    ]);
    const rewound = log([[[U, 'audit', 5, h('c')]], [[U, 'audit', 4, h('x')]], [[U, 'audit', 5, h('y')]]]);
    expect(fold(rewound).result().problems.map((p) => p.problem)).toEqual(['head-regressed', 'head-regressed']);
    expect(fold(rewound).head(U, 'audit')).toMatchObject({ seq: 5, hash: h('c') });
  });
});
