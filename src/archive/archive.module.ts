import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PrintModule } from '../print/print.module';
import { InterchangeModule } from '../interchange/interchange.module';
import { ArchivePackagesRepository } from './archive-packages.repository';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';

/** The electronic accounting archive (会计档案): packages, their register, download and verification. */
@Module({
  imports: [LedgerModule, PrintModule, InterchangeModule],
  controllers: [ArchiveController],
  providers: [ArchivePackagesRepository, ArchiveService],
})
export class ArchiveModule {}
