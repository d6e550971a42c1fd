import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Database } from '../database/database.service';
import { Anchors } from './books-verifier';
import { appendCheckpoint, checkpointPaths, CheckpointPaths, foldLog, loadSigningKey, SigningKey } from './checkpoint-files';
import { Checkpoint, CheckpointFold, ChainName, lineHash, signCheckpoint, SignedHead } from './domain/checkpoint.rules';

/** Where each chain's links live, to check a head still extends the one signed before. */
const LINKS: Record<ChainName, string> = { audit: 'audit_log', vouchers: 'voucher_chain', records: 'chain_records' };

/**
 * Signs the chain heads outside the database (issue 15): every CHECKPOINT_INTERVAL_MINUTES the heads that
 * moved since the last checkpoint, and at every export the heads it verified, each time one signed line
 * appended to DATA_DIR/checkpoints.log. A head is signed only while its chain still holds the head signed
 * before it, so a chain cut back or recomputed in the database is never blessed; verification then finds
 * it against the last good checkpoint. One instance per data folder writes the log.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Checkpoints');
  private readonly paths: CheckpointPaths;
  private key!: SigningKey;
  private fold!: CheckpointFold;
  private n = 0;
  private prev = '';
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly config: ConfigService,
  ) {
    this.paths = checkpointPaths({ DATA_DIR: config.get<string>('DATA_DIR') ?? './data', CHECKPOINT_KEY_FILE: config.get<string>('CHECKPOINT_KEY_FILE') });
    this.load();
  }

  onApplicationBootstrap(): void {
    const minutes = Number(this.config.get('CHECKPOINT_INTERVAL_MINUTES') ?? 5);
    if (minutes <= 0) return;
    const run = () => void this.checkpointAll().catch((err: Error) => this.log.error(`checkpoint failed: ${err.message}`));
    this.timer = setInterval(run, minutes * 60_000);
    this.timer.unref();
    setImmediate(run);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get publicKey(): { algorithm: 'Ed25519'; key: string; fingerprint: string; pem: string } {
    return { algorithm: 'Ed25519', key: this.key.text, fingerprint: this.key.fingerprint, pem: this.key.pem };
  }

  get logFile(): string {
    return this.paths.logFile;
  }

  /** The latest signed heads of a union's chains, which its chains must still contain. */
  anchors(unionId: string): Anchors {
    const one = (c: ChainName) => {
      const h = this.fold.head(unionId, c);
      return h ? { seq: h.seq, hash: h.hash, at: h.at } : null;
    };
    return { audit: one('audit'), vouchers: one('vouchers'), records: one('records') };
  }

  /** Problems found in the log itself when it was read (a line altered, removed or signed by another key). */
  logProblems() {
    return this.fold.result().problems;
  }

  /** Signs every head that moved since the last checkpoint and still extends the head signed before it. */
  checkpointAll(): Promise<Checkpoint | null> {
    return this.serialized(async () => {
      const rows: { union: string; chain: ChainName; seq: string; hash: string }[] = await this.db.manager.query(
        `SELECT union_id::text AS union, chain, seq::text, hash FROM chain_heads ORDER BY union_id, chain`,
      );
      const moved = rows.filter((r) => {
        const before = this.fold.head(r.union, r.chain);
        return !before || before.seq !== Number(r.seq) || before.hash !== r.hash;
      });
      const heads: SignedHead[] = [];
      for (const chain of Object.keys(LINKS) as ChainName[]) {
        const ofChain = moved.filter((r) => r.chain === chain);
        const broken = await this.brokenContinuity(chain, ofChain.map((r) => r.union));
        for (const r of ofChain) {
          if (broken.has(r.union)) this.log.error(`the ${chain} chain of union ${r.union} no longer holds its signed head: not signed; run npm run verify`);
          else heads.push([r.union, chain, Number(r.seq), r.hash]);
        }
      }
      return heads.length === 0 ? null : this.append(heads);
    });
  }

  /** Signs heads a verification has just recomputed (an export's), and returns the signed checkpoint. */
  checkpointHeads(heads: SignedHead[]): Promise<Checkpoint> {
    return this.serialized(() => this.append(heads));
  }

  private append(heads: SignedHead[]): Checkpoint {
    const c = signCheckpoint({ v: 1, n: this.n + 1, at: new Date().toISOString(), prev: this.prev, key: this.key.text, heads }, this.key.privateKey);
    const line = appendCheckpoint(this.paths.logFile, c);
    this.fold.feed(line);
    this.n = c.n;
    this.prev = lineHash(line);
    return c;
  }

  /** Unions whose chain no longer has, at the previously signed seq, the previously signed hash. */
  private async brokenContinuity(chain: ChainName, unions: string[]): Promise<Set<string>> {
    const known = unions.map((u) => [u, this.fold.head(u, chain)] as const).filter(([, h]) => h !== null);
    if (known.length === 0) return new Set();
    const rows: { union: string }[] = await this.db.manager.query(
      `SELECT k.u::text AS union FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS k(u, s, h)
        WHERE NOT EXISTS (SELECT 1 FROM ${LINKS[chain]} x WHERE x.union_id = k.u AND x.seq = k.s AND x.hash = k.h)`,
      [known.map(([u]) => u), known.map(([, h]) => h!.seq), known.map(([, h]) => h!.hash)],
    );
    return new Set(rows.map((r) => r.union));
  }

  private load(): void {
    this.key = loadSigningKey(this.paths);
    this.fold = foldLog(this.paths.logFile, [this.key.fingerprint]);
    const { lines, lastHash, problems } = this.fold.result();
    this.n = lines;
    this.prev = lastHash;
    for (const p of problems) this.log.error(`checkpoint log ${this.paths.logFile} line ${p.line}: ${p.problem} ${p.detail ?? ''}`);
  }

  private serialized<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
