import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { StatementsModule } from '../statements/statements.module';
import { FixedAssetsModule } from '../fixed-assets/fixed-assets.module';
import { BatchCloseService } from './batch-close.service';
import { BooksSettingsService } from './books-settings.service';
import { CloseRunsController } from './close-runs.controller';
import { CloseRunsRepository } from './close-runs.repository';
import { CloseRunsService } from './close-runs.service';
import { CenterClosingController, ClosingController, YearsController } from './closing.controller';
import { ClosingRepository } from './closing.repository';
import { ClosingService } from './closing.service';
import { YearsRepository } from './years.repository';
import { YearsService } from './years.service';

/** 结账 with its closing entries (期末结转, 年终结转), batch close (a background close run, or at once for a few unions), and the center's closing settings. */
@Module({
  imports: [LedgerModule, StatementsModule, FixedAssetsModule],
  controllers: [ClosingController, YearsController, CenterClosingController, CloseRunsController],
  providers: [ClosingRepository, ClosingService, BatchCloseService, CloseRunsRepository, CloseRunsService, BooksSettingsService, YearsRepository, YearsService],
  exports: [ClosingRepository, ClosingService],
})
export class ClosingModule {}
