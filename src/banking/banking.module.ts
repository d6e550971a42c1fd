import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { UnionsModule } from '../unions/unions.module';
import { BankAccountsController } from './accounts/bank-accounts.controller';
import { BankAccountsRepository } from './accounts/bank-accounts.repository';
import { BankAccountsService } from './accounts/bank-accounts.service';
import { PooledIntegrityService } from './accounts/pooled-integrity.service';
import { StatementBalances } from './accounts/statement-balances';
import { WithdrawalController } from './withdrawal/withdrawal.controller';
import { WithdrawalRepository } from './withdrawal/withdrawal.repository';
import { WithdrawalService } from './withdrawal/withdrawal.service';

/** Money in and the pooled bank account: 统一账户 and shares, receipts, allocations, statements, reconciliation, withdrawal. */
@Module({
  imports: [LedgerModule, UnionsModule],
  controllers: [BankAccountsController, WithdrawalController],
  providers: [BankAccountsRepository, BankAccountsService, PooledIntegrityService, StatementBalances, WithdrawalRepository, WithdrawalService],
  exports: [PooledIntegrityService],
})
export class BankingModule {}
