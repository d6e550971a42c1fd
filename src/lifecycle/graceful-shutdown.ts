import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ShutdownService } from './shutdown.service';

/**
 * The service's stop, on SIGTERM or SIGINT (systemd, a container runtime, `npm start` forwarding Ctrl-C):
 *   1. stop accepting connections and let the requests in flight finish, while every shutdown hook (jobs,
 *      exports) finishes or gives its work back — both within the deadline (SHUTDOWN_TIMEOUT_SECONDS);
 *   2. close the app (Nest's hooks, then the database pool);
 *   3. stop the embedded PostgreSQL (fast shutdown) and exit: 0 when everything ended in time, 1 when the
 *      deadline cut something short.
 * A second signal while stopping stops at once. Signals during start-up stop what has started so far.
 */
export class GracefulShutdown {
  private app?: NestFastifyApplication;
  private stopDatabase?: () => Promise<void>;
  private stopping?: Promise<void>;

  constructor(
    private readonly opts: {
      deadlineMs: number;
      log: (line: string) => void;
      exit?: (code: number) => void;
    },
  ) {}

  /** Installs the SIGINT/SIGTERM handlers; call as early as possible. */
  listen(): this {
    process.on('SIGINT', () => void this.stop('SIGINT'));
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    return this;
  }

  database(stop: () => Promise<void>): void {
    this.stopDatabase = stop;
  }

  application(app: NestFastifyApplication): void {
    this.app = app;
  }

  stop(signal: string): Promise<void> {
    if (this.stopping) {
      this.opts.log(`${signal} again while stopping: stopping now`);
      void this.finish(1);
      return this.stopping;
    }
    this.stopping = this.run(signal);
    return this.stopping;
  }

  private async run(signal: string): Promise<void> {
    const { deadlineMs, log } = this.opts;
    const deadlineAt = Date.now() + deadlineMs;
    log(`${signal} received: stopping (requests and jobs in flight have ${Math.round(deadlineMs / 1000)} s to finish)`);
    // the last resort, should closing the pool or stopping PostgreSQL itself hang
    setTimeout(() => {
      log('shutdown did not complete in time: exiting');
      void this.finish(1, { skipDatabase: true });
    }, deadlineMs + 30_000).unref();

    let late: string[] = [];
    if (this.app) {
      const app = this.app;
      const drained = Promise.all([
        app.getHttpAdapter().getInstance().close(),
        app.get(ShutdownService).runHooks(signal, deadlineAt),
      ]).then(
        ([, hooks]) => hooks.late,
        () => [],
      );
      const outcome = await before(deadlineAt + 2500, drained);
      late = outcome === 'late' ? ['requests in flight'] : outcome;
      if (late.length > 0) log(`the deadline passed with work still running (${late.join(', ')}): stopping anyway`);
      await before(Math.max(deadlineAt, Date.now()) + 5000, app.close().catch((err: unknown) => log(`closing the app failed: ${String(err)}`)));
    }
    await this.finish(late.length > 0 ? 1 : 0);
  }

  private finishing?: Promise<void>;

  private finish(code: number, opts: { skipDatabase?: boolean } = {}): Promise<void> {
    this.finishing ??= (async () => {
      try {
        if (!opts.skipDatabase) await this.stopDatabase?.();
      } catch (err) {
        this.opts.log(`stopping the embedded PostgreSQL failed: ${err instanceof Error ? err.message : String(err)}`);
        code = 1;
      }
      this.opts.log(code === 0 ? 'stopped' : 'stopped (not cleanly)');
      (this.opts.exit ?? process.exit)(code);
    })();
    return this.finishing;
  }
}

/** `work`'s result if it settles before `at` (epoch ms), else 'late'. */
async function before<T>(at: number, work: Promise<T>): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, at - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
