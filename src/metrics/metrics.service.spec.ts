import { DataSource } from 'typeorm';
import { JobObserver, JobsService } from '../jobs/jobs.service';
import { MetricsService } from './metrics.service';

/** The gauges and the job histogram read their sources as wired; the HTTP path is covered end to end (metrics.e2e-spec). */
describe('MetricsService', () => {
  let observer: JobObserver | undefined;
  const jobs = { queues: ['export'], queueSize: async () => 3, observe: (o: JobObserver) => (observer = o) } as unknown as JobsService;
  const ds = { driver: { master: { totalCount: 4, idleCount: 1, waitingCount: 2, options: { max: 10 } } } } as unknown as DataSource;

  it('reports job durations by queue and outcome, queue depth and the pool', async () => {
    const m = new MetricsService(ds, jobs);
    m.onModuleInit();
    observer!.finished('export', 'completed', 2);
    observer!.finished('export', 'failed', 0.2);
    const text = await m.text();
    expect(text).toContain('jobs_duration_seconds_count{queue="export",outcome="completed"} 1');
    expect(text).toContain('jobs_duration_seconds_sum{queue="export",outcome="failed"} 0.2');
    expect(text).toContain('jobs_queue_depth{queue="export"} 3');
    expect(text).toMatch(/db_pool_connections\{state="waiting"\} 2\n/);
    expect(text).toContain('db_pool_max 10');
  });
});
