import { BatchQueue, unionBatches } from './batch-queue';

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

  it('orders each batch before running it', async () => {
    const seen: string[][] = [];
    const gate = deferred<void>();
    const queue = new BatchQueue<string, string>(
      async (batch) => {
        seen.push(batch);
        if (seen.length === 1) await gate.promise;
        return batch;
      },
      { maxInFlight: 1, maxBatch: 10, order: (a, b) => a.localeCompare(b) },
    );
    const all = ['m', 'z', 'b', 'k'].map((x) => queue.submit(x));
    gate.resolve();
    await Promise.all(all);
    expect(seen).toEqual([['m'], ['b', 'k', 'z']]);
  });

  it('isolates a failing request: the others of its batch still succeed, it alone gets the error', async () => {
    const gate = deferred<void>();
    let calls = 0;
    const queue = new BatchQueue<number, number>(
      async (batch) => {
        if (++calls === 1) await gate.promise;
        if (batch.includes(3)) throw new Error(`bad ${batch.join(',')}`);
        return batch;
      },
      { maxInFlight: 1, maxBatch: 10, isolateFailures: true },
    );
    const first = queue.submit(0);
    const rest = [1, 2, 3, 4].map((n) => queue.submit(n).then((v) => `ok ${v}`, (e: Error) => e.message));
    gate.resolve();
    await first;
    expect(await Promise.all(rest)).toEqual(['ok 1', 'ok 2', 'bad 3', 'ok 4']);
  });

  it('without isolation, a failed batch fails every request in it', async () => {
    const queue = new BatchQueue<number, number>(async () => Promise.reject(new Error('down')), { maxInFlight: 1, maxBatch: 10 });
    await expect(Promise.all([queue.submit(1), queue.submit(2)])).rejects.toThrow('down');
  });
});

describe('unionBatches (group commit of per-union writes)', () => {
  type Row = { unionId: string; n: number };

  it('runs one batch at a time, each sorted by union, so every batch takes union locks in one order', async () => {
    const batches: string[][] = [];
    const gate = deferred<void>();
    let running = 0;
    let maxRunning = 0;
    const queue = unionBatches<Row, number>(async (rows) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      batches.push(rows.map((r) => r.unionId));
      if (batches.length === 1) await gate.promise;
      running--;
      return rows.map((r) => r.n);
    });
    const all = ['c', 'a', 'b', 'a', 'c'].map((unionId, n) => queue.submit({ unionId, n }));
    gate.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([['c'], ['a', 'a', 'b', 'c']]);
    expect(maxRunning).toBe(1);
  });

  it('retries a batch that hit a deadlock or a serialization failure, but not other errors', async () => {
    let calls = 0;
    const retried = unionBatches<Row, number>(async (rows) => {
      if (++calls < 3) throw Object.assign(new Error('deadlock detected'), { code: calls === 1 ? '40P01' : '40001' });
      return rows.map((r) => r.n);
    });
    expect(await retried.submit({ unionId: 'a', n: 7 })).toBe(7);
    expect(calls).toBe(3);

    let failures = 0;
    const refused = unionBatches<Row, number>(async () => {
      failures++;
      throw Object.assign(new Error('period closed'), { code: 'UL001' });
    });
    await expect(refused.submit({ unionId: 'a', n: 1 })).rejects.toThrow('period closed');
    expect(failures).toBe(1);
  });
});

