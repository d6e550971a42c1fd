import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Database } from '../database/database.service';
import { JobContext, JobsService } from '../jobs/jobs.service';
import { CenterExportsService } from './center-exports.service';
import { ExportJobsRepository } from './export-jobs.repository';
import { EXPORT_QUEUE, ExportsService } from './exports.service';

/**
 * The `export` queue's handler: a job names its export; each attempt starts it afresh (a union's workbook or
 * a center's pack). What the job runner decides — retry, or failed for good — lands in export_jobs.
 */
@Injectable()
export class ExportJobRunner {
  constructor(
    private readonly db: Database,
    private readonly jobs: ExportJobsRepository,
    private readonly unions: ExportsService,
    private readonly centers: CenterExportsService,
    queue: JobsService,
    config: ConfigService,
  ) {
    queue.define<{ exportId: string }>({
      queue: EXPORT_QUEUE,
      concurrency: Number(config.get('EXPORT_CONCURRENCY') ?? 1),
      run: (data, ctx) => this.run(data.exportId, ctx),
      failed: (data, reason) => this.jobs.fail(this.db.manager, data.exportId, reason),
    });
    queue.everyMinute('export files', () => this.unions.sweep());
  }

  private async run(exportId: string, ctx: JobContext): Promise<void> {
    const job = await this.jobs.findById(this.db.manager, exportId);
    // gone, or finished by an earlier attempt that the queue did not hear of: nothing to do
    if (!job || !(await this.jobs.start(this.db.manager, exportId))) return;
    if (job.unionId) await this.unions.runUnionJob(job, ctx);
    else await this.centers.runJob(job, ctx);
  }
}
