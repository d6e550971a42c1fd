import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExportWorkerInput, ExportWorkerMessage, ExportWorkerReply } from './export.worker';

/**
 * The worker's heap is kept small on purpose: an export's garbage is then collected as it goes rather than
 * grown into (docs/performance.md, bench:export). What an export keeps alive is a few MB.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };
/**
 * With PDFs the worker also holds the CJK font (parsed by fontkit, ~20 MB of glyph tables) and a book's
 * pages until they are numbered (up to PDF_ROW_LIMIT rows, ~600 pages): more room, still bounded.
 */
const PDF_WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * Runs one export in a worker thread; resolves with its last message (rows written, file name). `reply`
 * answers the worker (the signed cover); `signal` stops the thread at once (its database session ends with it).
 */
export function runWorker(
  input: ExportWorkerInput,
  onMessage: (m: ExportWorkerMessage, reply: (r: ExportWorkerReply) => void) => Promise<void>,
  signal?: AbortSignal,
): Promise<Extract<ExportWorkerMessage, { type: 'done' }>> {
  // built: dist/…/export.worker.js; from sources (tests, ts-node): the .ts through ts-node
  const js = join(__dirname, 'export.worker.js');
  const resourceLimits = input.pdf ? PDF_WORKER_LIMITS : WORKER_LIMITS;
  const worker = existsSync(js)
    ? new Worker(js, { workerData: input, resourceLimits })
    : new Worker(join(__dirname, 'export.worker.ts'), { workerData: input, resourceLimits, execArgv: ['-r', 'ts-node/register/transpile-only'] });
  const stop = () => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  return new Promise<Extract<ExportWorkerMessage, { type: 'done' }>>((resolve, reject) => {
    let done: Extract<ExportWorkerMessage, { type: 'done' }> | undefined;
    let pending = Promise.resolve();
    worker.on('message', (m: ExportWorkerMessage) => {
      if (m.type === 'done') done = m;
      pending = pending.then(() => onMessage(m, (r) => worker.postMessage(r))).catch(() => undefined);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      void pending.then(() => (code === 0 && done ? resolve(done) : reject(new Error(`export worker exited with ${code}`))));
    });
  }).finally(() => signal?.removeEventListener('abort', stop));
}
