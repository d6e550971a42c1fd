import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PrintController } from './print.controller';
import { PrintRepository } from './print.repository';
import { PrintService } from './print.service';

/** 打印: vouchers, books and statements as fixed-layout PDF; PrintService is for other modules too (the archive). */
@Module({
  imports: [LedgerModule],
  controllers: [PrintController],
  providers: [PrintRepository, PrintService],
  exports: [PrintService],
})
export class PrintModule {}
