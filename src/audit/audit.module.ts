import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { IntegrityService } from './integrity.service';

/** The audit trail every module writes to (global), its log and the integrity check. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, IntegrityService],
  exports: [AuditService, IntegrityService],
})
export class AuditModule {}
