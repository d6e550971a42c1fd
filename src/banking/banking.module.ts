import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { UnionsModule } from '../unions/unions.module';
import { BankAccountsController } from './accounts/bank-accounts.controller';
import { BankAccountsRepository } from './accounts/bank-accounts.repository';
import { BankAccountsService } from './accounts/bank-accounts.service';
import { PooledIntegrityService } from './accounts/pooled-integrity.service';
import { StatementBalances } from './accounts/statement-balances';
import { IdempotencyKeys } from '../common/idempotency/idempotency-keys';
import { AllocationsController } from './allocations/allocations.controller';
import { AllocationsRepository } from './allocations/allocations.repository';
import { AllocationsService } from './allocations/allocations.service';
import { DuesController } from './dues/dues.controller';
import { DuesRepository } from './dues/dues.repository';
import { DuesService } from './dues/dues.service';
import { ReceiptAttachmentsRepository } from './receipts/receipt-attachments.repository';
import { ReceiptAttachmentsService } from './receipts/receipt-attachments.service';
import { ReceiptsController } from './receipts/receipts.controller';
import { ReceiptsRepository } from './receipts/receipts.repository';
import { ReceiptsService } from './receipts/receipts.service';
import { BankSettingsController } from './settings/bank-settings.controller';
import { BankSettingsRepository } from './settings/bank-settings.repository';
import { WithdrawalController } from './withdrawal/withdrawal.controller';
import { WithdrawalRepository } from './withdrawal/withdrawal.repository';
import { WithdrawalService } from './withdrawal/withdrawal.service';
import { MatchesRepository } from './reconciliation/matches.repository';
import { MatchingService } from './reconciliation/matching.service';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationRepository } from './reconciliation/reconciliation.repository';
import { ReconciliationService } from './reconciliation/reconciliation.service';
import { StatementsController } from './statements/statements.controller';
import { StatementsRepository } from './statements/statements.repository';
import { StatementsService } from './statements/statements.service';

/** Money in and the pooled bank account: 统一账户 and shares, receipts, allocations, statements, reconciliation, withdrawal. */
@Module({
  imports: [LedgerModule, UnionsModule],
  controllers: [BankAccountsController, BankSettingsController, ReceiptsController, DuesController, AllocationsController, WithdrawalController, StatementsController, ReconciliationController],
  providers: [
    IdempotencyKeys,
    BankAccountsRepository,
    BankAccountsService,
    BankSettingsRepository,
    PooledIntegrityService,
    StatementBalances,
    ReceiptsRepository,
    ReceiptsService,
    ReceiptAttachmentsRepository,
    ReceiptAttachmentsService,
    DuesRepository,
    DuesService,
    AllocationsRepository,
    AllocationsService,
    WithdrawalRepository,
    WithdrawalService,
    StatementsRepository,
    StatementsService,
    MatchesRepository,
    MatchingService,
    ReconciliationRepository,
    ReconciliationService,
  ],
  exports: [PooledIntegrityService, ReconciliationService, ReconciliationRepository, BankAccountsService],
})
export class BankingModule {}
