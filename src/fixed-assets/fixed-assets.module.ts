import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { FixedAssetsController } from './fixed-assets.controller';
import { FixedAssetsRepository } from './fixed-assets.repository';
import { FixedAssetsService } from './fixed-assets.service';

/** 固定资产卡片: register, depreciation at month-end closing, disposal. */
@Module({
  imports: [LedgerModule],
  controllers: [FixedAssetsController],
  providers: [FixedAssetsRepository, FixedAssetsService],
  exports: [FixedAssetsService],
})
export class FixedAssetsModule {}
