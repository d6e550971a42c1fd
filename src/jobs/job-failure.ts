/**
 * Whether a job that failed may succeed if run again: the database or the machine was in the way (the
 * connection dropped, the server restarted or ran short, a serialization conflict, the disk was full, the
 * process stopped), not the job itself. Anything else would fail the same way again: no retry.
 */
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof JobInterrupted) return true;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  // SQLSTATE classes: 08 connection, 53 insufficient resources, 57 operator intervention (shutdown, cancel), 58 system
  if (/^(08|53|57|58)/.test(code) || code === '40001' || code === '40P01') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOSPC', 'EMFILE', 'ERR_WORKER_OUT_OF_MEMORY'].includes(code)) return true;
  const message = String((err as { message?: unknown } | null)?.message ?? '');
  return /Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down)/i.test(message);
}

/** A run given up on purpose (the service is stopping, or the job's owner died): it resumes elsewhere or later. */
export class JobInterrupted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobInterrupted';
  }
}
