import { BatchQueue } from './batch-queue';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('BatchQueue', () => {
  it('sends a lone request at once, and batches what waits while the slots are busy', async () => {
    const batches: number[][] = [];
    const gate = deferred<void>();
    const queue = new BatchQueue<number, number>(
      async (batch) => {
        batches.push(batch);
        if (batches.length === 1) await gate.promise;
        return batch.map((n) => n * 10);
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const first = queue.submit(1);
    const rest = [2, 3, 4].map((n) => queue.submit(n));
    expect(batches).toEqual([[1]]);
    gate.resolve();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps batch size and the number of batches in flight', async () => {
    let running = 0;
    let maxRunning = 0;
    const sizes: number[] = [];
    const queue = new BatchQueue<number, number>(
      async (batch) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        sizes.push(batch.length);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return batch;
      },
      { maxInFlight: 2, maxBatch: 3 },
    );
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => queue.submit(i)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxRunning).toBe(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('a failed batch fails every request in it', async () => {
    const queue = new BatchQueue<number, number>(async () => Promise.reject(new Error('down')), { maxInFlight: 1, maxBatch: 10 });
    await expect(Promise.all([queue.submit(1), queue.submit(2)])).rejects.toThrow('down');
  });
});
