import { isRetryable } from './database.service';

/**
 * Queue-while-in-flight batching: a request that arrives while `maxInFlight` batches are running waits,
 * and the next batch takes everything waiting (up to `maxBatch`). Alone, a request goes out at once; under
 * load, one round trip (and one commit, for writes) serves many requests.
 */
export class BatchQueue<Req, Res> {
  private readonly waiting: { req: Req; resolve(res: Res): void; reject(err: unknown): void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (batch: Req[]) => Promise<Res[]>,
    private readonly opts: {
      maxInFlight: number;
      maxBatch: number;
      /** Put a batch in a fixed order before running it (e.g. so locks are always taken in one order). */
      order?: (a: Req, b: Req) => number;
      /** When a batch fails as a whole, run its requests one by one so each gets its own answer. */
      isolateFailures?: boolean;
    },
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ req, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.opts.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.opts.maxBatch);
      if (this.opts.order) batch.sort((a, b) => this.opts.order!(a.req, b.req));
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async flush(batch: { req: Req; resolve(res: Res): void; reject(err: unknown): void }[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.req));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      if (!this.opts.isolateFailures || batch.length === 1) {
        for (const w of batch) w.reject(err);
        return;
      }
      for (const w of batch) {
        await this.run([w.req]).then(([res]) => w.resolve(res), w.reject);
      }
    }
  }
}

/**
 * Group commit for a per-union write outside any caller's transaction: writes waiting while one batch is in
 * flight go out together as one statement (one round trip, one commit, one WAL flush). One batch at a time
 * makes the batches as large as the load allows — on a CPU-bound server that is what raises throughput —
 * and the next is taken the moment the previous commits. A batch is sorted by union, so the per-union locks
 * the triggers take are taken in one order by every batch; a deadlock or serialization failure retries the
 * batch; any other failure of a batch replays its writes one by one, so each caller gets its own answer.
 */
export function unionBatches<Req extends { unionId: string }, Res>(write: (batch: Req[]) => Promise<Res[]>): BatchQueue<Req, Res> {
  const run = async (batch: Req[], attempt = 1): Promise<Res[]> => {
    try {
      return await write(batch);
    } catch (err) {
      if (attempt < 3 && isRetryable(err)) return run(batch, attempt + 1);
      throw err;
    }
  };
  return new BatchQueue((batch) => run(batch), {
    maxInFlight: 1,
    maxBatch: 64,
    order: (a, b) => (a.unionId < b.unionId ? -1 : a.unionId > b.unionId ? 1 : 0),
    isolateFailures: true,
  });
}
