import { BUSY, Slots, UnionGroupCommit, UnionWrites } from './union-group-commit';

type Row = { unionId: string; n: number };

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

/**
 * A fake database for the group commit: unions in `locked` are held elsewhere until released. A shared batch
 * answers BUSY for them at once; a lane batch waits until its union is released. Every statement is recorded.
 */
function fakeDatabase() {
  const locked = new Map<string, ReturnType<typeof deferred>>();
  const statements: { kind: 'shared' | 'lane'; unions: string[] }[] = [];
  let refuse: (row: Row) => Error | undefined = () => undefined;
  let gate: Promise<void> | undefined;
  const writes: UnionWrites<Row, number> = {
    shared: async (batch) => {
      statements.push({ kind: 'shared', unions: batch.map((r) => r.unionId) });
      if (gate) await gate;
      const free = batch.filter((r) => !locked.has(r.unionId));
      const bad = free.map(refuse).find(Boolean);
      if (bad) throw bad;
      return batch.map((r) => (locked.has(r.unionId) ? BUSY : r.n));
    },
    lane: async (batch) => {
      statements.push({ kind: 'lane', unions: batch.map((r) => r.unionId) });
      await locked.get(batch[0].unionId)?.promise;
      const bad = batch.map(refuse).find(Boolean);
      if (bad) throw bad;
      return batch.map((r) => r.n);
    },
  };
  return {
    writes,
    statements,
    lock: (u: string) => locked.set(u, deferred()),
    release: (u: string) => {
      locked.get(u)?.resolve(undefined);
      locked.delete(u);
    },
    refuseWith: (f: (row: Row) => Error | undefined) => (refuse = f),
    holdShared: (p: Promise<void> | undefined) => (gate = p),
  };
}

describe('UnionGroupCommit (group commit, one union never stalls another)', () => {
  it('sends a lone request at once, then batches what waited meanwhile, sorted by union', async () => {
    const db = fakeDatabase();
    const hold = deferred();
    db.holdShared(hold.promise);
    const queue = new UnionGroupCommit(db.writes, { maxBatch: 64, laneSlots: new Slots(2) });
    const all = ['c', 'a', 'b', 'a', 'c'].map((unionId, n) => queue.submit({ unionId, n }));
    await tick();
    db.holdShared(undefined);
    hold.resolve();
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(db.statements).toEqual([
      { kind: 'shared', unions: ['c'] },
      { kind: 'shared', unions: ['a', 'a', 'b', 'c'] },
    ]);
  });

  it('a union held under a lock waits in its own lane while the other unions keep committing', async () => {
    const db = fakeDatabase();
    db.lock('locked');
    const queue = new UnionGroupCommit(db.writes, { maxBatch: 64, laneSlots: new Slots(2) });
    const stuck = queue.submit({ unionId: 'locked', n: 0 });
    let stuckDone = false;
    void stuck.then(() => (stuckDone = true));
    await tick();
    expect(queue.laneUnions()).toEqual(['locked']);
    // while the lock is held, other unions' writes complete, batch after batch; later writes of the locked
    // union join its lane directly instead of being tried again in a shared batch
    const later: Promise<number>[] = [];
    for (let round = 1; round <= 3; round++) {
      later.push(queue.submit({ unionId: 'locked', n: 10 + round }));
      expect(await Promise.all([queue.submit({ unionId: 'a', n: round }), queue.submit({ unionId: 'b', n: round })])).toEqual([round, round]);
    }
    expect(stuckDone).toBe(false);
    db.release('locked');
    expect(await stuck).toBe(0);
    expect(await Promise.all(later)).toEqual([11, 12, 13]);
    const shared = db.statements.filter((s) => s.kind === 'shared').flatMap((s) => s.unions);
    expect(shared.filter((u) => u === 'locked')).toEqual(['locked']); // tried once, then only in its lane
    await tick();
    expect(queue.laneUnions()).toEqual([]); // the lane ends when its union has nothing left
  });

  it('a refusal by the database is sorted out in the refused union\'s lane: only that write fails, nobody else waits for it', async () => {
    const db = fakeDatabase();
    const hold = deferred();
    db.holdShared(hold.promise);
    const queue = new UnionGroupCommit(db.writes, { maxBatch: 64, laneSlots: new Slots(4) });
    const first = queue.submit({ unionId: 'z', n: 0 });
    const batch = [
      { unionId: 'a', n: 1 },
      { unionId: 'b', n: 2 },
      { unionId: 'b', n: 3 }, // refused: e.g. the period closed meanwhile
      { unionId: 'c', n: 4 },
    ].map((r) => queue.submit(r).then((v) => `ok ${v}`, (e: Error) => e.message));
    db.refuseWith((r) => (r.n === 3 ? Object.assign(new Error('period closed'), { code: 'UL001' }) : undefined));
    db.holdShared(undefined);
    hold.resolve();
    await first;
    expect(await Promise.all(batch)).toEqual(['ok 1', 'ok 2', 'period closed', 'ok 4']);
    // the failed shared batch went to three lanes (a, b, c); only b replayed its writes one by one
    expect(db.statements.filter((s) => s.kind === 'lane').map((s) => s.unions)).toEqual(
      expect.arrayContaining([['a'], ['b', 'b'], ['c'], ['b'], ['b']]),
    );
    expect(db.statements.filter((s) => s.kind === 'lane')).toHaveLength(5);
  });

  it('when the database is unavailable, fails every write of the batch at once, without replaying them', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' });
    let statements = 0;
    const queue = new UnionGroupCommit<Row, number>(
      { shared: async () => (statements++, Promise.reject(down)), lane: async () => (statements++, Promise.reject(down)) },
      { maxBatch: 64, laneSlots: new Slots(2) },
    );
    const results = await Promise.allSettled([queue.submit({ unionId: 'a', n: 1 }), queue.submit({ unionId: 'b', n: 2 })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(statements).toBe(2); // one shared batch for the first, one for the second: no lanes, no replays
  });

  it('retries a batch that hit a deadlock or a serialization failure', async () => {
    let calls = 0;
    const queue = new UnionGroupCommit<Row, number>(
      {
        shared: async (rows) => {
          if (++calls < 3) throw Object.assign(new Error('deadlock detected'), { code: calls === 1 ? '40P01' : '40001' });
          return rows.map((r) => r.n);
        },
        lane: async () => Promise.reject(new Error('not expected')),
      },
      { maxBatch: 64, laneSlots: new Slots(1) },
    );
    expect(await queue.submit({ unionId: 'a', n: 7 })).toBe(7);
    expect(calls).toBe(3);
  });

  it('a lane that waited past the lock timeout answers every write it holds with that error, without replaying', async () => {
    const timeout = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    let lane = 0;
    const queue = new UnionGroupCommit<Row, number>(
      { shared: async (rows) => rows.map(() => BUSY), lane: async () => (lane++, Promise.reject(timeout)) },
      { maxBatch: 64, laneSlots: new Slots(1) },
    );
    const results = await Promise.allSettled([1, 2, 3].map((n) => queue.submit({ unionId: 'a', n })));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as Error) === timeout)).toBe(true);
    expect(lane).toBeLessThanOrEqual(2); // the first write's lane batch, then the two that queued behind it
  });

  it('sends a write the admission check refuses (e.g. beyond the union\'s funds with the others) to its lane', async () => {
    const db = fakeDatabase();
    const hold = deferred();
    db.holdShared(hold.promise);
    const queue = new UnionGroupCommit(db.writes, {
      maxBatch: 64,
      laneSlots: new Slots(2),
      admit: (req, sameUnion) => sameUnion.length + 1 <= 2, // at most two of a union per batch
    });
    const first = queue.submit({ unionId: 'x', n: 0 });
    const rest = [1, 2, 3].map((n) => queue.submit({ unionId: 'a', n }));
    db.holdShared(undefined);
    hold.resolve();
    await first;
    expect(await Promise.all(rest)).toEqual([1, 2, 3]);
    expect(db.statements.slice(1)).toEqual(
      expect.arrayContaining([
        { kind: 'shared', unions: ['a', 'a'] },
        { kind: 'lane', unions: ['a'] },
      ]),
    );
  });

  it('runs no more lanes at once than its slots: each waits on a connection', async () => {
    const db = fakeDatabase();
    for (const u of ['a', 'b', 'c']) db.lock(u);
    const queue = new UnionGroupCommit(db.writes, { maxBatch: 64, laneSlots: new Slots(2) });
    const all = ['a', 'b', 'c'].map((unionId, n) => queue.submit({ unionId, n }));
    for (let i = 0; i < 5; i++) await tick();
    expect(db.statements.filter((s) => s.kind === 'lane')).toHaveLength(2);
    db.release('a');
    await all[0];
    for (let i = 0; i < 5; i++) await tick();
    expect(db.statements.filter((s) => s.kind === 'lane')).toHaveLength(3);
    db.release('b');
    db.release('c');
    expect(await Promise.all(all)).toEqual([0, 1, 2]);
  });
});
