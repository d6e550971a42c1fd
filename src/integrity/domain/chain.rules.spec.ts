import { Anchor, ChainRow, chainHash, ChainVerifier, GENESIS_HASH } from './chain.rules';

function chain(contents: string[]): ChainRow[] {
  let prev = GENESIS_HASH;
  return contents.map((content, i) => {
    const hash = chainHash(prev, content);
    const row = { seq: i + 1, prevHash: prev, hash, content };
    prev = hash;
    return row;
  });
}

function verify(rows: ChainRow[], anchor: Anchor | null = null) {
  const v = new ChainVerifier(anchor);
  rows.forEach((r) => v.feed(r));
  return v.result();
}

describe('ChainVerifier', () => {
  const rows = chain(['{"a":1}', '{"a":2}', '{"a":3}']);

  it('accepts an intact chain and reports its ends', () => {
    const r = verify(rows);
    expect(r).toMatchObject({ ok: true, count: 3, firstHash: rows[0].hash, lastHash: rows[2].hash, breaks: [] });
  });

  it('finds an altered record', () => {
    const altered = rows.map((r) => (r.seq === 2 ? { ...r, content: '{"a":20}' } : r));
    expect(verify(altered).breaks).toEqual([{ seq: 2, problem: 'content-altered' }]);
  });

  it('finds a removed record', () => {
    expect(verify([rows[0], rows[2]]).breaks.map((b) => b.problem)).toEqual(['sequence-gap']);
  });

  it('finds a record whose hash was recomputed without fixing the next link', () => {
    const forged = { ...rows[1], content: '{"a":20}' };
    forged.hash = chainHash(forged.prevHash, forged.content);
    expect(verify([rows[0], forged, rows[2]]).breaks).toEqual([{ seq: 3, problem: 'link-broken' }]);
  });

  it('starts from the genesis hash', () => {
    const first = { ...rows[0], prevHash: 'f'.repeat(64) };
    first.hash = chainHash(first.prevHash, first.content);
    expect(verify([first]).breaks).toEqual([{ seq: 1, problem: 'link-broken' }]);
  });

  it('finds a chain recomputed after an edit before its signed checkpoint', () => {
    const forged = chain(['{"a":1}', '{"a":20}', '{"a":3}']);
    expect(verify(forged).ok).toBe(true);
    expect(verify(forged, { seq: 3, hash: rows[2].hash }).breaks).toEqual([{ seq: 3, problem: 'checkpoint-mismatch' }]);
    expect(verify(rows, { seq: 3, hash: rows[2].hash }).ok).toBe(true);
  });

  it('finds a tail cut below the signed checkpoint (head rewound with it)', () => {
    expect(verify(rows.slice(0, 2), { seq: 3, hash: rows[2].hash }).breaks).toEqual([{ seq: 3, problem: 'rewound-below-checkpoint' }]);
  });
});
