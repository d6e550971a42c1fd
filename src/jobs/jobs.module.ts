import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** Durable background jobs on PostgreSQL (pg-boss); feature modules define their queues' handlers. */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
