import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { ConsolidationRepository } from './consolidation.repository';
import { ConsolidationService } from './consolidation.service';
import { ConsolidatedStatementsController, StatementsController } from './statements.controller';
import { StatementReader } from './statement-reader';
import { StatementsCalculator } from './statements.calculator';
import { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

/** 工会01表 and 工会02表 per union and summed over a center; the statements kept for closed months. */
@Module({
  imports: [LedgerModule],
  controllers: [StatementsController, ConsolidatedStatementsController],
  providers: [StatementsRepository, ConsolidationRepository, StatementsCalculator, StatementReader, StatementsService, ConsolidationService],
  exports: [StatementsService, StatementsCalculator, StatementsRepository, ConsolidationRepository],
})
export class StatementsModule {}
