import { Module } from '@nestjs/common';
import { ExportJobsRepository } from './export-jobs.repository';
import { CenterExportsService } from './center-exports.service';
import { ExportJobRunner } from './export-job.runner';
import { CenterExportsController, ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** Audit exports: Excel workbooks streamed from one snapshot of a union's books. */
@Module({
  controllers: [ExportsController, CenterExportsController],
  providers: [ExportJobsRepository, ExportsService, CenterExportsService, ExportJobRunner],
})
export class ExportsModule {}
