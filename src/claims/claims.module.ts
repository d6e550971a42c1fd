import { Module } from '@nestjs/common';
import { IdempotencyKeys } from '../common/idempotency/idempotency-keys';
import { BudgetsModule } from '../budgets/budgets.module';
import { FixedAssetsModule } from '../fixed-assets/fixed-assets.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ClaimAttachmentsController } from './claim-attachments.controller';
import { ClaimAttachmentsService } from './claim-attachments.service';
import { ClaimDecisionsService } from './claim-decisions.service';
import { ClaimDocumentsRepository } from './claim-documents.repository';
import { ClaimFundsRepository } from './claim-funds.repository';
import { ClaimPaymentsService } from './claim-payments.service';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSettingsController } from './claim-settings.controller';
import { ClaimSettingsRepository } from './claim-settings.repository';
import { ClaimSteps } from './claim-steps';
import { ClaimsController } from './claims.controller';
import { ClaimsRepository } from './claims.repository';
import { ClaimsService } from './claims.service';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Expense claims: clerk → chair (事前) → center accountant (事中) → cashier, with funds reserved and the voucher posted. */
@Module({
  imports: [LedgerModule, FixedAssetsModule, BudgetsModule],
  controllers: [ClaimsController, ClaimAttachmentsController, ClaimSettingsController, TasksController],
  providers: [
    IdempotencyKeys,
    ClaimsRepository,
    ClaimDocumentsRepository,
    ClaimFundsRepository,
    ClaimSettingsRepository,
    ClaimSteps,
    ClaimRulesService,
    ClaimsService,
    ClaimDecisionsService,
    ClaimPaymentsService,
    ClaimAttachmentsService,
    TasksService,
  ],
  exports: [ClaimsService],
})
export class ClaimsModule {}
