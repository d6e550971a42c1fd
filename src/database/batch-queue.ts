/**
 * Queue-while-in-flight batching: a request that arrives while `maxInFlight` batches are running waits,
 * and the next batch takes everything waiting (up to `maxBatch`). Alone, a request goes out at once; under
 * load, one round trip serves many requests. For reads (the voucher contexts); per-union writes go through
 * UnionGroupCommit, which keeps the unions apart.
 */
export class BatchQueue<Req, Res> {
  private readonly waiting: { req: Req; resolve(res: Res): void; reject(err: unknown): void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (batch: Req[]) => Promise<Res[]>,
    private readonly opts: {
      maxInFlight: number;
      maxBatch: number;
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
      for (const w of batch) w.reject(err);
    }
  }
}
