import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import { GracefulShutdown } from './graceful-shutdown';
import { ShutdownService } from './shutdown.service';

/** An app whose HTTP close, hooks and close are recorded in order. */
function fakeApp(opts: { httpMs?: number } = {}) {
  const steps: string[] = [];
  const hooks = new ShutdownService(new ConfigService({ SHUTDOWN_TIMEOUT_SECONDS: 30 }));
  const app = {
    getHttpAdapter: () => ({
      getInstance: () => ({
        close: async () => {
          steps.push('http closing');
          await new Promise((r) => setTimeout(r, opts.httpMs ?? 10).unref());
          steps.push('http closed');
        },
      }),
    }),
    get: () => hooks,
    close: async () => {
      steps.push('app closed');
    },
  } as unknown as NestFastifyApplication;
  return { app, hooks, steps };
}

function shutdownOf(deadlineMs: number, steps: string[]) {
  let exitCode: number | undefined;
  const logged: string[] = [];
  const shutdown = new GracefulShutdown({ deadlineMs, log: (l) => logged.push(l), exit: (code) => (exitCode = code) });
  shutdown.database(async () => {
    steps.push('database stopped');
  });
  return { shutdown, logged, exitCode: () => exitCode };
}

describe('GracefulShutdown', () => {
  it('drains requests and runs the hooks, then closes the app, then stops the database, and exits 0', async () => {
    const { app, hooks, steps } = fakeApp();
    hooks.onShutdown('jobs', async () => {
      steps.push('jobs done');
    });
    const { shutdown, exitCode, logged } = shutdownOf(5000, steps);
    shutdown.application(app);
    await shutdown.stop('SIGTERM');
    expect(steps).toEqual(['http closing', 'jobs done', 'http closed', 'app closed', 'database stopped']);
    expect(exitCode()).toBe(0);
    expect(logged[0]).toMatch(/SIGTERM received: stopping .* 5 s/);
    expect(hooks.stopping.aborted).toBe(true);
  });

  it('at the deadline tells the hooks to give their work up (to resume after a restart), then stops cleanly', async () => {
    const { app, hooks, steps } = fakeApp();
    let cancelled = false;
    hooks.onShutdown('export job', ({ deadline }) => new Promise<void>((resolve) => deadline.addEventListener('abort', () => {
      cancelled = true; // e.g. put the job back in its queue
      steps.push('job given back');
      resolve();
    })));
    const { shutdown, exitCode } = shutdownOf(300, steps);
    shutdown.application(app);
    const began = Date.now();
    await shutdown.stop('SIGINT');
    expect(cancelled).toBe(true);
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(steps).toEqual(['http closing', 'http closed', 'job given back', 'app closed', 'database stopped']);
    expect(exitCode()).toBe(0);
  });

  it('does not wait past the deadline for a hook that ignores it, and says which one', async () => {
    const { app, hooks, steps } = fakeApp();
    hooks.onShutdown('stubborn', () => new Promise<void>(() => undefined));
    const { shutdown, exitCode, logged } = shutdownOf(200, steps);
    shutdown.application(app);
    const began = Date.now();
    await shutdown.stop('SIGTERM');
    expect(Date.now() - began).toBeLessThan(200 + 2000 + 1500);
    expect(steps).toEqual(['http closing', 'http closed', 'app closed', 'database stopped']);
    expect(logged.join('\n')).toMatch(/deadline passed with work still running \(stubborn\)/);
    expect(exitCode()).toBe(1);
  });

  it('does not wait past the deadline for requests in flight', async () => {
    const { app, steps } = fakeApp({ httpMs: 60_000 });
    const { shutdown, exitCode, logged } = shutdownOf(100, steps);
    shutdown.application(app);
    await shutdown.stop('SIGTERM');
    expect(steps).toEqual(['http closing', 'app closed', 'database stopped']);
    expect(logged.join('\n')).toMatch(/requests in flight/);
    expect(exitCode()).toBe(1);
  });

  it('a second signal stops at once', async () => {
    const { app, hooks, steps } = fakeApp();
    hooks.onShutdown('slow', () => new Promise<void>((r) => setTimeout(r, 600)));
    const { shutdown, exitCode, logged } = shutdownOf(800, steps);
    shutdown.application(app);
    void shutdown.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    void shutdown.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    expect(exitCode()).toBe(1);
    expect(steps).toEqual(['http closing', 'http closed', 'database stopped']);
    expect(logged.join('\n')).toMatch(/SIGINT again while stopping: stopping now/);
  });

  it('before the app is up, stops the database and exits', async () => {
    const steps: string[] = [];
    const { shutdown, exitCode } = shutdownOf(1000, steps);
    await shutdown.stop('SIGTERM');
    expect(steps).toEqual(['database stopped']);
    expect(exitCode()).toBe(0);
  });
});

describe('ShutdownService', () => {
  it('runs each hook once, however often shutdown is asked for (a signal, then Nest closing the app)', async () => {
    const hooks = new ShutdownService(new ConfigService({ SHUTDOWN_TIMEOUT_SECONDS: 30 }));
    let runs = 0;
    hooks.onShutdown('counted', async () => {
      runs++;
    });
    await hooks.runHooks('SIGTERM', Date.now() + 1000);
    await hooks.beforeApplicationShutdown();
    expect(runs).toBe(1);
  });

  it('a failing hook does not stop the others', async () => {
    const hooks = new ShutdownService(new ConfigService({}));
    let other = false;
    hooks.onShutdown('broken', async () => {
      throw new Error('boom');
    });
    hooks.onShutdown('other', async () => {
      other = true;
    });
    expect(await hooks.runHooks('SIGTERM', Date.now() + 1000)).toEqual({ late: [] });
    expect(other).toBe(true);
  });
});
