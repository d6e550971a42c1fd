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
  problem: 'content-altered' | 'link-broken' | 'sequence-gap' | 'checkpoint-mismatch' | 'rewound-below-checkpoint';
}

/** A head signed outside the database: the chain must still hold this hash at this position. */
export interface Anchor {
  seq: number;
  hash: string;
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
 * re-ordered one all show as a break at the first record that no longer fits. With an anchor (the head of
 * the latest signed checkpoint) a chain recomputed from an edit before it, or cut back below it and its
 * head rewound, shows too: no hash can be recomputed into the signed one.
 */
export class ChainVerifier {
  static readonly MAX_BREAKS = 20;

  constructor(private readonly anchor: Anchor | null = null) {}

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
    if (this.anchor && row.seq === this.anchor.seq && row.hash !== this.anchor.hash) this.report({ seq: row.seq, problem: 'checkpoint-mismatch' });
    this.count++;
    this.firstHash ??= row.hash;
    this.lastHash = row.hash;
  }

  result(): ChainReport {
    if (this.anchor && this.count < this.anchor.seq) this.report({ seq: this.anchor.seq, problem: 'rewound-below-checkpoint' });
    return { count: this.count, firstHash: this.firstHash, lastHash: this.lastHash, ok: this.breaks.length === 0, breaks: [...this.breaks] };
  }

  /** At most MAX_BREAKS breaks are kept; a checkpoint's verdict always is. */
  private report(b: ChainBreak): void {
    if (this.breaks.length < ChainVerifier.MAX_BREAKS || b.problem.includes('checkpoint')) this.breaks.push(b);
  }
}
