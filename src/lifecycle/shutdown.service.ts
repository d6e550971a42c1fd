import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

export interface ShutdownContext {
  /** The signal that started the shutdown (SIGTERM, SIGINT), or 'close' when the app is closed in code. */
  signal: string;
  /** Aborted when the shutdown deadline passes: stop at once and leave the work to resume after a restart. */
  deadline: AbortSignal;
  /** Milliseconds left before the deadline. */
  remainingMs(): number;
}

export type ShutdownHook = (ctx: ShutdownContext) => Promise<void>;

/**
 * Work that must end cleanly when the service stops, beside the HTTP requests in flight: background jobs,
 * exports, timers. A module registers a hook (`onShutdown('exports', async ({ deadline }) => …)`); on
 * SIGTERM/SIGINT every hook runs at once, while the HTTP server drains, and before the database pool closes.
 * A hook should finish its work if it can before `deadline` aborts, and when it aborts give the work up so
 * that it resumes after a restart (for instance: put a running job back in its queue). `stopping` is aborted
 * the moment the shutdown begins, for loops that should stop taking new work.
 */
@Injectable()
export class ShutdownService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly hooks: { name: string; hook: ShutdownHook }[] = [];
  private readonly begun = new AbortController();
  private run?: Promise<{ late: string[] }>;

  constructor(private readonly config: ConfigService) {}

  /** Aborted when the shutdown begins. */
  get stopping(): AbortSignal {
    return this.begun.signal;
  }

  onShutdown(name: string, hook: ShutdownHook): void {
    this.hooks.push({ name, hook });
  }

  /**
   * Runs every hook (once, however often it is called) and resolves when all have finished or, at the latest,
   * `graceMs` after the deadline, naming the hooks still running then.
   */
  runHooks(signal: string, deadlineAt: number, graceMs = 2000): Promise<{ late: string[] }> {
    this.run ??= this.runOnce(signal, deadlineAt, graceMs);
    return this.run;
  }

  /** An app closed in code (tests, tools) runs the hooks too, before the pool closes; on a signal they have run already. */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const seconds = this.config.get<number>('SHUTDOWN_TIMEOUT_SECONDS') ?? 30;
    await this.runHooks(signal ?? 'close', Date.now() + seconds * 1000);
  }

  private async runOnce(signal: string, deadlineAt: number, graceMs: number): Promise<{ late: string[] }> {
    this.begun.abort();
    const deadline = AbortSignal.timeout(Math.max(0, deadlineAt - Date.now()));
    const ctx: ShutdownContext = { signal, deadline, remainingMs: () => Math.max(0, deadlineAt - Date.now()) };
    const running = new Set(this.hooks.map((h) => h.name));
    const all = Promise.all(
      this.hooks.map(async ({ name, hook }) => {
        try {
          await hook(ctx);
        } catch (err) {
          this.logger.error(`shutdown hook "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          running.delete(name);
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const cutoff = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadlineAt - Date.now()) + graceMs);
    });
    await Promise.race([all, cutoff]);
    clearTimeout(timer);
    return { late: [...running] };
  }
}
