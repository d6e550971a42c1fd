import { setTimeout as wait } from 'node:timers/promises';

/**
 * pg-boss's `delay()` requires node:timers/promises on every call. Its `offWork` polls a stopping worker each
 * second with it, and a tick that comes after jest has torn down a test file's modules fails that file, after all
 * of its tests have passed. Here the timer is taken once, while the file's modules are alive, before pg-boss
 * loads (its modules take `delay` when they load), and unref'd so that a late tick holds nothing open. The service's
 * own shutdown waits for its workers (src/jobs/jobs.service.ts, boss-db.ts); this only keeps a tick that outlives
 * the file from failing it. Same behaviour otherwise: resolves after `ms`, or at once when aborted.
 */
type Delay = Promise<void> & { abort: () => void };
// pg-boss's internal module, patched before anything else loads it (jest runs this file first in each test file)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tools = require('pg-boss/src/tools') as { delay: (ms: number, error?: string) => Delay };
tools.delay = (ms, error) => {
  const ac = new AbortController();
  const promise = new Promise<void>((resolve, reject) => {
    wait(ms, null, { signal: ac.signal, ref: false })
      .then(() => (error ? reject(new Error(error)) : resolve()))
      .catch(() => resolve());
  }) as Delay;
  promise.abort = () => {
    if (!ac.signal.aborted) ac.abort();
  };
  return promise;
};
