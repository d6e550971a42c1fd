import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainRow {
  seq: number;
  prevHash: string;
  hash: string;
  /** The record's canonical content, as the database renders it now. */
  content: string;
}

export interface ChainBreak {
  seq: number;
  problem: 'content-altered' | 'link-broken' | 'sequence-gap';
}

export interface ChainReport {
  count: number;
  firstHash: string | null;
  lastHash: string | null;
  ok: boolean;
  breaks: ChainBreak[];
}

export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash + content, 'utf8').digest('hex');
}

/**
 * Re-verifies a hash chain row by row (so chains of any length stream through in constant memory): each
 * record's hash must be SHA-256(previous hash || its content as it reads now), each must name the previous
 * record's hash, and sequence numbers run 1, 2, 3 … A changed field, a removed or inserted record, or a
 * re-ordered one all show as a break at the first record that no longer fits.
 */
export class ChainVerifier {
  static readonly MAX_BREAKS = 20;

  private count = 0;
  private firstHash: string | null = null;
  private lastHash: string | null = null;
  private readonly breaks: ChainBreak[] = [];

  feed(row: ChainRow): void {
    const expectedSeq = this.count + 1;
    const expectedPrev = this.lastHash ?? GENESIS_HASH;
    if (row.seq !== expectedSeq) this.report({ seq: row.seq, problem: 'sequence-gap' });
    else if (row.prevHash !== expectedPrev) this.report({ seq: row.seq, problem: 'link-broken' });
    if (chainHash(row.prevHash, row.content) !== row.hash) this.report({ seq: row.seq, problem: 'content-altered' });
    this.count++;
    this.firstHash ??= row.hash;
    this.lastHash = row.hash;
  }

  result(): ChainReport {
    return { count: this.count, firstHash: this.firstHash, lastHash: this.lastHash, ok: this.breaks.length === 0, breaks: [...this.breaks] };
  }

  private report(b: ChainBreak): void {
    if (this.breaks.length < ChainVerifier.MAX_BREAKS) this.breaks.push(b);
  }
}
