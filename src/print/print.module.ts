import { Module } from '@nestjs/common';
import { BankingModule } from '../banking/banking.module';
import { ClaimsModule } from '../claims/claims.module';
import { LedgerModule } from '../ledger/ledger.module';
import { BooksPrintService } from './books-print.service';
import { ClaimPrintService } from './claim-print.service';
import { PrintController } from './print.controller';
import { PrintRepository } from './print.repository';
import { PrintService } from './print.service';
import { ReconciliationPrintController } from './reconciliation-print.controller';
import { ReconciliationPrintService } from './reconciliation-print.service';

/** 打印: vouchers, books and statements as fixed-layout PDF; PrintService is for other modules too (the archive). */
@Module({
  imports: [LedgerModule, BankingModule, ClaimsModule],
  controllers: [PrintController, ReconciliationPrintController],
  providers: [PrintRepository, PrintService, BooksPrintService, ReconciliationPrintService, ClaimPrintService],
  exports: [PrintService, BooksPrintService],
})
export class PrintModule {}
