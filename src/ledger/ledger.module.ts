import { Module } from '@nestjs/common';
import { UnionsModule } from '../unions/unions.module';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsRepository } from './accounts/accounts.repository';
import { AccountsService } from './accounts/accounts.service';
import { BalancesRepository } from './balances/balances.repository';
import { ReportsController } from './balances/reports.controller';
import { ReportsService } from './balances/reports.service';
import { BooksRepository } from './books.repository';
import { LedgerClock } from './ledger.clock';
import { OpeningBalancesController } from './opening/opening-balances.controller';
import { OpeningBalancesService } from './opening/opening-balances.service';
import { PeriodsController } from './periods/periods.controller';
import { PeriodsRepository } from './periods/periods.repository';
import { PeriodsService } from './periods/periods.service';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';
import { LedgerSettingsController } from './settings/ledger-settings.controller';
import { LedgerSettingsRepository } from './settings/ledger-settings.repository';
import { LedgerSettingsService } from './settings/ledger-settings.service';
import { VoucherBatcher } from './vouchers/voucher-batcher';
import { VoucherContextLoader } from './vouchers/voucher-context.loader';
import { VouchersController } from './vouchers/vouchers.controller';
import { VouchersRepository } from './vouchers/vouchers.repository';
import { VouchersService } from './vouchers/vouchers.service';
import { WorkflowVouchersService } from './vouchers/workflow-vouchers.service';

/** Per-union double-entry books: chart, vouchers, periods, opening balances, balances and their reports. */
@Module({
  imports: [UnionsModule],
  controllers: [
    AccountsController,
    ProjectsController,
    VouchersController,
    PeriodsController,
    OpeningBalancesController,
    ReportsController,
    LedgerSettingsController,
  ],
  providers: [
    LedgerClock,
    BooksRepository,
    AccountsRepository,
    AccountsService,
    ProjectsService,
    VouchersRepository,
    VouchersService,
    WorkflowVouchersService,
    VoucherBatcher,
    VoucherContextLoader,
    PeriodsRepository,
    PeriodsService,
    OpeningBalancesService,
    BalancesRepository,
    ReportsService,
    LedgerSettingsRepository,
    LedgerSettingsService,
  ],
  exports: [VouchersService, WorkflowVouchersService, BooksRepository, BalancesRepository, LedgerClock, LedgerSettingsRepository],
})
export class LedgerModule {}
