import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { GENESIS_HASH } from './chain.rules';

export type ChainName = 'audit' | 'vouchers' | 'records';

/** [union id, chain, seq, hash] */
export type SignedHead = [string, ChainName, number, string];

/**
 * One line of the checkpoint log, and what an export cover carries: the heads of some chains at a moment,
 * signed with the service's Ed25519 key. `n` and `prev` (SHA-256 of the previous line's text) chain the
 * log's lines; `key` is the signer's public key (base64url of its 32 bytes), so a checkpoint can be checked
 * with nothing but itself and the fingerprint an auditor trusts.
 */
export interface Checkpoint {
  v: 1;
  n: number;
  at: string;
  prev: string;
  key: string;
  heads: SignedHead[];
  sig: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'sig'>;

/** Exactly the bytes that are signed. */
export function signedText(c: UnsignedCheckpoint): string {
  return JSON.stringify([c.v, c.n, c.at, c.prev, c.key, c.heads]);
}

export function publicKeyText(key: KeyObject): string {
  return (key.export({ format: 'jwk' }) as { x: string }).x;
}

/** SHA-256 of the public key's 32 bytes, in hex: what an auditor compares. */
export function fingerprint(keyText: string): string {
  return createHash('sha256').update(Buffer.from(keyText, 'base64url')).digest('hex');
}

export function signCheckpoint(c: UnsignedCheckpoint, privateKey: KeyObject): Checkpoint {
  return { ...c, sig: sign(null, Buffer.from(signedText(c), 'utf8'), privateKey).toString('base64') };
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** Whether the checkpoint is well formed and its signature is by the key it names (and, if given, a trusted one). */
export function checkSignature(c: Checkpoint, trustedFingerprints?: string[]): string | null {
  if (c?.v !== 1 || !Array.isArray(c.heads) || typeof c.key !== 'string' || typeof c.sig !== 'string') return 'malformed';
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: c.key }, format: 'jwk' });
    const { sig, ...body } = c;
    if (!verify(null, Buffer.from(signedText(body), 'utf8'), key, Buffer.from(sig, 'base64'))) return 'bad-signature';
  } catch {
    return 'bad-signature';
  }
  if (trustedFingerprints && !trustedFingerprints.includes(fingerprint(c.key))) return 'untrusted-key';
  return null;
}

export interface CheckpointProblem {
  line: number;
  problem: 'malformed' | 'bad-signature' | 'untrusted-key' | 'out-of-order' | 'link-broken' | 'head-regressed';
  detail?: string;
}

export interface FoldedHead {
  seq: number;
  hash: string;
  n: number;
  at: string;
}

/**
 * Reads the checkpoint log line by line: every line signed by a trusted key, numbered 1, 2, 3 … and
 * linked to the one before; keeps the latest signed head of every chain, and reports a head that went
 * back (a lower seq, or the same seq with another hash) — a rewind seen at checkpoint time.
 */
export class CheckpointFold {
  private readonly heads = new Map<string, FoldedHead>();
  private readonly problems: CheckpointProblem[] = [];
  private prev = GENESIS_HASH;
  private n = 0;
  last: Checkpoint | null = null;

  constructor(private readonly trusted: string[]) {}

  feed(line: string): void {
    const at = this.n + 1;
    let c: Checkpoint;
    try {
      c = JSON.parse(line) as Checkpoint;
    } catch {
      this.problems.push({ line: at, problem: 'malformed' });
      return;
    }
    const bad = checkSignature(c, this.trusted);
    if (bad) this.problems.push({ line: at, problem: bad as CheckpointProblem['problem'] });
    if (c.n !== at) this.problems.push({ line: at, problem: 'out-of-order', detail: `numbered ${c.n}` });
    if (c.prev !== this.prev) this.problems.push({ line: at, problem: 'link-broken' });
    this.prev = lineHash(line);
    this.n = at;
    if (bad) return;
    this.last = c;
    for (const [union, chain, seq, hash] of c.heads) {
      const id = `${union}/${chain}`;
      const before = this.heads.get(id);
      if (before && (seq < before.seq || (seq === before.seq && hash !== before.hash))) {
        this.problems.push({ line: at, problem: 'head-regressed', detail: `${id}: #${before.seq} → #${seq}` });
        continue;
      }
      this.heads.set(id, { seq, hash, n: c.n, at: c.at });
    }
  }

  /** The latest signed head of one chain of one union, if any line named it. */
  head(union: string, chain: ChainName): FoldedHead | null {
    return this.heads.get(`${union}/${chain}`) ?? null;
  }

  allHeads(): Map<string, FoldedHead> {
    return this.heads;
  }

  result(): { lines: number; lastHash: string; problems: CheckpointProblem[] } {
    return { lines: this.n, lastHash: this.prev, problems: [...this.problems] };
  }
}
