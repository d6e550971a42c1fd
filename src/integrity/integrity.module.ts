import { Global, Module } from '@nestjs/common';
import { CheckpointsService } from './checkpoints.service';
import { IntegrityController } from './integrity.controller';
import { IntegrityService } from './integrity.service';

/** Verification of the books, the signed checkpoints of their chains, and the public key. */
@Global()
@Module({
  controllers: [IntegrityController],
  providers: [IntegrityService, CheckpointsService],
  exports: [IntegrityService, CheckpointsService],
})
export class IntegrityModule {}
