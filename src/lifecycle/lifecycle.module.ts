import { Global, Module } from '@nestjs/common';
import { ShutdownService } from './shutdown.service';

/** The service's own lifecycle: what runs when it stops (see ShutdownService). */
@Global()
@Module({ providers: [ShutdownService], exports: [ShutdownService] })
export class LifecycleModule {}
