import { Module } from '@nestjs/common';
import { InterchangeController } from './interchange.controller';
import { InterchangeService } from './interchange.service';
import { InterchangeImportService } from './interchange-import.service';
import { InterchangeRepository } from './interchange.repository';
import { OpeningSheetService } from './opening-sheet.service';
import { LedgerModule } from '../ledger/ledger.module';
import { StatementsModule } from '../statements/statements.module';

/** Interchange: the GB/T 24589 data interface, the plain-text journal, and imports from other software. */
@Module({
  imports: [LedgerModule, StatementsModule],
  controllers: [InterchangeController],
  providers: [InterchangeService, InterchangeImportService, OpeningSheetService, InterchangeRepository],
  exports: [InterchangeService],
})
export class InterchangeModule {}
