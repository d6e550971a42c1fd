import { isDatabaseUnavailable, isRetryable, sqlState } from './database.service';

/** A request of a shared batch whose union was busy (its lock held elsewhere): it goes to its union's lane. */
export const BUSY = Symbol('busy');

export interface UnionWrites<Req, Res> {
  /**
   * One statement for a batch of many unions' requests, sorted by union, that does not wait for a union's
   * locks: the requests of a union it could not lock come back as BUSY, the others with their result.
   */
  shared(batch: Req[]): Promise<(Res | typeof BUSY)[]>;
  /** One statement for requests of one union, waiting (bounded) for its locks. */
  lane(batch: Req[]): Promise<Res[]>;
}

export interface GroupCommitOptions<Req> {
  maxBatch: number;
  /** Limits how many lanes run at once over all queues that share it (each holds a connection while waiting). */
  laneSlots: Slots;
  /**
   * Whether a request may join a shared batch that already holds `sameUnion` (the requests of its union so
   * far), e.g. whether their spending together stays within the funds the union has. A request refused here
   * runs in its union's lane, where a refusal by the database concerns that union alone.
   */
  admit?: (req: Req, sameUnion: Req[]) => boolean;
}

interface Pending<Req, Res> {
  req: Req;
  resolve(res: Res): void;
  reject(err: unknown): void;
}

/**
 * Group commit with per-union isolation. Requests of all unions wait in one queue; one shared batch is in
 * flight at a time and takes everything that waited meanwhile (as large as the load makes it: on a CPU-bound
 * server that is what raises throughput). A shared batch never waits for a union: the statement tries each
 * union's locks and hands back the requests of a union it could not lock, and those — with every later
 * request of that union while any are left — go to the union's **lane**: a queue of that union alone, whose
 * batches wait for its locks (bounded by the database's lock_timeout). So a union held under a long lock (a
 * period being closed, a claim decision) delays only its own writes.
 *
 * When a shared batch fails as a whole, its requests go to their unions' lanes, so that a refusal by the
 * database (a period closed meanwhile, funds gone) is sorted out union by union, in parallel with the shared
 * queue, which moves on at once; a lane batch that fails is replayed request by request within its lane.
 * Deadlocks and serialization failures are retried as a whole; when the database is unavailable every
 * request of the batch gets that error at once.
 */
export class UnionGroupCommit<Req extends { unionId: string }, Res> {
  private readonly waiting: Pending<Req, Res>[] = [];
  private inFlight = false;
  private readonly lanes = new Map<string, { queue: Pending<Req, Res>[]; running: boolean }>();

  constructor(
    private readonly writes: UnionWrites<Req, Res>,
    private readonly opts: GroupCommitOptions<Req>,
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      const pending = { req, resolve, reject };
      if (this.lanes.has(req.unionId)) this.toLane(pending);
      else {
        this.waiting.push(pending);
        this.drain();
      }
    });
  }

  /** Unions whose writes run in their own lane now (for tests and metrics). */
  laneUnions(): string[] {
    return [...this.lanes.keys()];
  }

  private drain(): void {
    if (this.inFlight || this.waiting.length === 0) return;
    const batch: Pending<Req, Res>[] = [];
    const byUnion = new Map<string, Req[]>();
    while (this.waiting.length > 0 && batch.length < this.opts.maxBatch) {
      const next = this.waiting.shift()!;
      const same = byUnion.get(next.req.unionId) ?? [];
      if (this.lanes.has(next.req.unionId) || (this.opts.admit && !this.opts.admit(next.req, same))) {
        this.toLane(next);
        continue;
      }
      byUnion.set(next.req.unionId, [...same, next.req]);
      batch.push(next);
    }
    if (batch.length === 0) return;
    batch.sort((a, b) => (a.req.unionId < b.req.unionId ? -1 : a.req.unionId > b.req.unionId ? 1 : 0));
    this.inFlight = true;
    void this.flushShared(batch).finally(() => {
      this.inFlight = false;
      this.drain();
    });
  }

  private async flushShared(batch: Pending<Req, Res>[]): Promise<void> {
    let results: (Res | typeof BUSY)[];
    try {
      results = await retrying(() => this.writes.shared(batch.map((p) => p.req)));
    } catch (err) {
      if (isDatabaseUnavailable(err)) batch.forEach((p) => p.reject(err));
      else batch.forEach((p) => this.toLane(p));
      return;
    }
    batch.forEach((p, i) => {
      const result = results[i];
      if (result === BUSY) this.toLane(p);
      else p.resolve(result);
    });
  }

  private toLane(pending: Pending<Req, Res>): void {
    const unionId = pending.req.unionId;
    let lane = this.lanes.get(unionId);
    if (!lane) {
      lane = { queue: [], running: false };
      this.lanes.set(unionId, lane);
    }
    lane.queue.push(pending);
    if (!lane.running) void this.runLane(unionId, lane);
  }

  private async runLane(unionId: string, lane: { queue: Pending<Req, Res>[]; running: boolean }): Promise<void> {
    lane.running = true;
    await this.opts.laneSlots.acquire();
    try {
      while (lane.queue.length > 0) {
        const batch = lane.queue.splice(0, this.opts.maxBatch);
        await this.flushLane(batch);
      }
    } finally {
      this.opts.laneSlots.release();
      lane.running = false;
      this.lanes.delete(unionId);
    }
  }

  private async flushLane(batch: Pending<Req, Res>[]): Promise<void> {
    try {
      const results = await retrying(() => this.writes.lane(batch.map((p) => p.req)));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (err) {
      // the database away, or the union's lock held past the lane's wait: the same for each request
      if (batch.length === 1 || isDatabaseUnavailable(err) || sqlState(err) === LOCK_NOT_AVAILABLE) {
        batch.forEach((p) => p.reject(err));
        return;
      }
      for (const p of batch) {
        await retrying(() => this.writes.lane([p.req])).then(([res]) => p.resolve(res), p.reject);
      }
    }
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

async function retrying<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
    }
  }
}

/** A counting semaphore, first come first served. */
export class Slots {
  private free: number;
  private readonly waiters: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}
