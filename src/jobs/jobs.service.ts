import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ShutdownService } from '../lifecycle/shutdown.service';
import { ConfigService } from '@nestjs/config';
import PgBoss from 'pg-boss';
import { setTimeout as sleep } from 'node:timers/promises';
import { EntityManager } from 'typeorm';
import { DATABASE_RUNTIME, DatabaseRuntime } from '../database/database.module';
import { isTransientFailure, JobInterrupted } from './job-failure';
import { BossDb } from './boss-db';
import { JobLeases } from './job-leases';

export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry … */
  attempt: number;
  /** Aborted when this run must stop at once (the service is stopping): give the work up, it runs again later. */
  signal: AbortSignal;
}

export interface JobDefinition<T extends object> {
  /** A queue made by a migration (pg-boss partitions are DDL): see migrations/1795370000000-JobQueue.ts. */
  queue: string;
  run(data: T, ctx: JobContext): Promise<void>;
  /** Called once when the job will not run again: it failed for good, or ran out of attempts. */
  failed(data: T, reason: string): Promise<void>;
  /** Runs of this queue at once in one process. */
  concurrency: number;
}

export interface JobObserver {
  finished(queue: string, outcome: 'completed' | 'retry' | 'failed', seconds: number): void;
}

const MAINTENANCE = 'jobs-maintenance';
const POLL_SECONDS = 1;
/** How long a stop waits for pg-boss's statements under way (a worker mid-fetch stops when its fetch returns). */
const STOP_WAIT_MS = 10_000;

/**
 * Background work that survives a restart and runs once even with several service processes: jobs are rows
 * in PostgreSQL (pg-boss, schema `pgboss`, made by a migration), taken with SKIP LOCKED by whichever process
 * polls first. A failed run is retried when the failure was transient (isTransientFailure), within the
 * queue's retry limit; a run whose process died is found by its lease (JobLeases) and retried. A process
 * with JOBS_RUN=false only sends jobs. Once a minute, in one process, `jobs-maintenance` runs the orphan
 * sweep and each registered housekeeping task.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('jobs');
  private readonly boss: PgBoss;
  private readonly db: BossDb;
  private maintaining: Promise<void> | null = null;
  private readonly leases: JobLeases;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private readonly housekeeping: { name: string; task: () => Promise<void> }[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly observers: JobObserver[] = [];
  private readonly workerIds = new Map<string, string[]>();
  private readonly runsJobs: boolean;
  private started = false;
  private stopping = false;

  constructor(@Inject(DATABASE_RUNTIME) runtime: DatabaseRuntime, config: ConfigService, @Optional() shutdown?: ShutdownService) {
    this.runsJobs = config.get<string>('JOBS_RUN') !== 'false';
    // on SIGTERM/SIGINT: running jobs get until the shutdown deadline (SHUTDOWN_TIMEOUT_SECONDS), then go back to their queue
    shutdown?.onShutdown('jobs', ({ deadline }) => this.drain(deadline));
    const warn = (err: Error) => this.log.warn(`job queue: ${err.message}`);
    this.db = new BossDb(runtime.url, warn);
    this.boss = new PgBoss({ db: this.db, schema: 'pgboss', migrate: false, supervise: this.runsJobs, schedule: this.runsJobs });
    this.boss.on('error', warn);
    this.leases = new JobLeases(runtime.url);
  }

  /** Called by feature modules in their constructor or onModuleInit. */
  define<T extends object>(definition: JobDefinition<T>): void {
    this.definitions.set(definition.queue, definition as unknown as JobDefinition<object>);
  }

  /** A task for the once-a-minute housekeeping (runs in one process at a time). */
  everyMinute(name: string, task: () => Promise<void>): void {
    this.housekeeping.push({ name, task });
  }

  observe(observer: JobObserver): void {
    this.observers.push(observer);
  }

  /** Queues a job; inside `em`'s transaction when given, so the job exists exactly when the transaction commits. */
  async send<T extends object>(queue: string, data: T, em?: EntityManager): Promise<string> {
    const db = em ? { executeSql: async (text: string, values: unknown[]) => ({ rows: await em.query(text, values) }) } : undefined;
    const id = await this.boss.send(queue, data, db ? { db } : {});
    if (!id) throw new Error(`job not queued on ${queue}`);
    if (!em) this.wake(queue);
    return id;
  }

  /** Wakes this process's idle workers of a queue (after a commit that queued work) instead of waiting for their poll. */
  wake(queue: string): void {
    if (!this.started) return;
    for (const id of this.workerIds.get(queue) ?? []) this.boss.notifyWorker(id);
  }

  /** Jobs waiting (created or retry) in a queue. */
  queueSize(queue: string): Promise<number> {
    return this.boss.getQueueSize(queue);
  }

  get queues(): string[] {
    return [...this.definitions.keys()];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    this.started = true;
    if (!this.runsJobs) return;
    await this.leases.open();
    await this.recoverOrphans();
    for (const def of this.definitions.values()) {
      const ids: string[] = [];
      for (let i = 0; i < def.concurrency; i++) {
        ids.push(
          await this.boss.work(def.queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) =>
            this.execute(def, job as PgBoss.JobWithMetadata<object>),
          ),
        );
      }
      this.workerIds.set(def.queue, ids);
    }
    await this.boss.work(MAINTENANCE, { pollingIntervalSeconds: 10 }, () => (this.maintaining = this.maintain().finally(() => (this.maintaining = null))));
    await this.boss.schedule(MAINTENANCE, '* * * * *');
  }

  /**
   * Stops taking jobs and waits for the running ones until `deadline`; then gives them up (they run again
   * after a restart, or at once in another process). Called by the shutdown hook.
   */
  async drain(deadline: AbortSignal): Promise<void> {
    if (this.stopping || !this.started) return;
    this.stopping = true;
    for (const queue of [...this.definitions.keys(), MAINTENANCE]) await this.boss.offWork(queue).catch(() => undefined);
    while (this.running.size > 0 && !deadline.aborted) await sleep(100);
    if (this.running.size > 0) {
      this.log.warn(`shutdown deadline: giving up ${this.running.size} running job(s); they resume after a restart`);
      for (const run of this.running.values()) run.abort(new JobInterrupted('服务停止，任务将在重启后继续'));
      for (let waited = 0; this.running.size > 0 && waited < 5000; waited += 100) await sleep(100);
    }
    // the minute's housekeeping is no job of `running`, but its worker stops only when it returns: wait for it too
    // (the bound's timer is unref'd: once the housekeeping has returned, it must not hold the process for 10 s)
    if (this.maintaining) await Promise.race([this.maintaining.catch(() => undefined), sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    // whatever is still active is failed back to its queue (pg-boss retries it); then the statements pg-boss still
    // has under way (a worker's fetch) finish before its connections close, so every worker stops (BossDb)
    await this.boss.stop({ graceful: false, close: false, wait: true }).catch((err: Error) => this.log.warn(`job queue stop: ${err.message}`));
    await this.db.close(STOP_WAIT_MS);
    await this.leases.close();
    this.started = false;
  }

  /** An app closed in code (tests, tools): running jobs are given back at once, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain(AbortSignal.timeout(0));
  }

  /**
   * One run of a job. Whatever happens, the job's fate is settled here before the handler returns (pg-boss
   * then only completes what is still active): done; back to its queue for another attempt (a transient
   * failure, or the service stopping); or failed for good, recorded by the definition.
   */
  private async execute(def: JobDefinition<object>, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const began = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - began) / 1e9;
    const attempt = job.retryCount + 1;
    try {
      await this.leases.take(job.id, def.queue);
      await def.run(job.data, { jobId: job.id, attempt, signal: controller.signal });
      this.notify(def.queue, 'completed', seconds());
    } catch (err) {
      const interrupted = controller.signal.aborted;
      if ((interrupted || isTransientFailure(err)) && job.retryCount < job.retryLimit) {
        this.log.warn(`${def.queue} job ${job.id} attempt ${attempt} ${interrupted ? 'given up' : 'failed'}, it will run again: ${(err as Error).message}`);
        await this.boss.fail(def.queue, job.id, { message: (err as Error).message });
        this.notify(def.queue, 'retry', seconds());
      } else {
        this.log.error(`${def.queue} job ${job.id} failed for good on attempt ${attempt}: ${(err as Error).stack ?? err}`);
        await def.failed(job.data, describeFailure(err));
        this.notify(def.queue, 'failed', seconds());
      }
    } finally {
      this.running.delete(job.id);
      await this.leases.release(job.id).catch(() => undefined);
    }
  }

  private notify(queue: string, outcome: 'completed' | 'retry' | 'failed', seconds: number): void {
    for (const o of this.observers) o.finished(queue, outcome, seconds);
  }

  private async maintain(): Promise<void> {
    await this.recoverOrphans();
    for (const { name, task } of this.housekeeping) {
      if (this.stopping) return;
      await task().catch((err: Error) => this.log.warn(`housekeeping ${name}: ${err.message}`));
    }
  }

  /** Jobs whose process died: back to their queue, or failed for good when they have no attempt left. */
  private async recoverOrphans(): Promise<void> {
    for (const { jobId, queue } of await this.leases.takeOrphans(this.queues)) {
      const def = this.definitions.get(queue);
      const job = await this.boss.getJobById<object>(queue, jobId);
      if (!def || !job || job.state !== 'active') continue;
      this.log.warn(`${queue} job ${jobId}: its process stopped while running it; ${job.retryCount < job.retryLimit ? 'retrying' : 'no attempt left'}`);
      await this.boss.fail(queue, jobId, { reason: 'the process running the job stopped' });
      if (job.retryCount >= job.retryLimit) await def.failed(job.data, '服务在任务运行中停止，且已无重试次数');
    }
  }
}

function describeFailure(err: unknown): string {
  return err instanceof JobInterrupted ? err.message : '任务失败，请重试；如仍失败请联系管理员';
}
