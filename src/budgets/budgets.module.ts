import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { StatementsModule } from '../statements/statements.module';
import { BudgetExecutionService } from './budget-execution.service';
import { BudgetsController } from './budgets.controller';
import { BudgetsRepository } from './budgets.repository';
import { BudgetsService } from './budgets.service';

/** 预算: versions, approval, adjustments, execution, and the check claims make against it. */
@Module({
  imports: [LedgerModule, StatementsModule],
  controllers: [BudgetsController],
  providers: [BudgetsRepository, BudgetsService, BudgetExecutionService],
  exports: [BudgetsService, BudgetsRepository, BudgetExecutionService],
})
export class BudgetsModule {}
