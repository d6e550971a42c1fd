import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobsService } from '../jobs/jobs.service';
import { ledgerEvents } from './ledger-actions';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

/**
 * What /metrics exposes, in Prometheus' text format. One registry per application (not prom-client's global
 * one), so several apps in one process — tests — do not share counters. Counters are per process: sum them
 * over processes in Prometheus. Gauges that need the database or the queue are read at scrape time.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: latency in seconds',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly postings = new Counter({
    name: 'ledger_postings_total',
    help: 'Posting actions completed through the API, by source (voucher, claim, receipt, allocation, withdrawal); counted after commit, an allocation batch once',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  private readonly claimSteps = new Counter({
    name: 'ledger_claim_steps_total',
    help: 'Expense-claim workflow steps completed (create, submit, approve, reject, review, check, return, pay, post, withdraw, cancel)',
    labelNames: ['step'] as const,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'jobs_duration_seconds',
    help: 'Background job runs by queue and outcome (completed, retry, failed): duration in seconds',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const jobs_ = this.jobs;
    new Gauge({
      name: 'jobs_queue_depth',
      help: 'Jobs waiting to run (queued or waiting for a retry), by queue',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        for (const queue of jobs_.queues) this.set({ queue }, await jobs_.queueSize(queue).catch(() => NaN));
      },
    });
    const pool = () => (this.ds.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: "The service's database pool: connections open (total), idle, and requests waiting for one",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'db_pool_max',
      help: "The service's database pool size (DB_POOL_SIZE)",
      registers: [this.registry],
      collect() {
        const p = pool();
        if (p) this.set(p.options.max);
      },
    });
  }

  onModuleInit(): void {
    this.jobs.observe({ finished: (queue, outcome, seconds) => this.jobDuration.observe({ queue, outcome }, seconds) });
  }

  /** One finished HTTP request; `route` is the route pattern (never the raw address: ids would explode the series). */
  request(method: string, route: string | undefined, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route: route ?? 'unmatched', status_code: String(status) }, seconds);
    for (const e of ledgerEvents(method, route, status)) {
      if (e.metric === 'postings') this.postings.inc({ source: e.source });
      else this.claimSteps.inc({ step: e.step });
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
