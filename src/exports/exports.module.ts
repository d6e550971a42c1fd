import { Module } from '@nestjs/common';
import { ExportJobsRepository } from './export-jobs.repository';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** Audit exports: Excel workbooks streamed from one snapshot of a union's books. */
@Module({
  controllers: [ExportsController],
  providers: [ExportJobsRepository, ExportsService],
})
export class ExportsModule {}
