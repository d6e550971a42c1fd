import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Logger as PinoLogger } from 'pino';
import { createRootLogger, loggingModule } from './common/http/logging';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApiExceptionFilter } from './common/http/exception.filter';
import { apiValidationPipe } from './common/validation/validation.pipe';
import { validateEnv } from './config/app.config';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BankingModule } from './banking/banking.module';
import { ClaimsModule } from './claims/claims.module';
import { ClosingModule } from './closing/closing.module';
import { StatementsModule } from './statements/statements.module';
import { FixedAssetsModule } from './fixed-assets/fixed-assets.module';
import { BudgetsModule } from './budgets/budgets.module';
import { ExportsModule } from './exports/exports.module';
import { PrintModule } from './print/print.module';
import { InterchangeModule } from './interchange/interchange.module';
import { DatabaseModule, DatabaseRuntime } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ArchiveModule } from './archive/archive.module';
import { IntegrityModule } from './integrity/integrity.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { LedgerModule } from './ledger/ledger.module';
import { UnionsModule } from './unions/unions.module';

/** What start-up resolved before the app is built: the database and the token key. */
export interface AppRuntime {
  database: DatabaseRuntime;
  jwtSecret: string;
}

@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime, opts: { logger?: PinoLogger } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule(opts.logger ?? createRootLogger('silent')),
        // .env is loaded once by the entry point (config/env-file.preload), before anything reads the configuration
        ConfigModule.forRoot({ isGlobal: true, cache: true, ignoreEnvFile: true, validate: validateEnv }),
        LifecycleModule,
        DatabaseModule.forRoot(runtime.database),
        AuditModule,
        IntegrityModule,
        AuthModule.forRoot({ jwtSecret: runtime.jwtSecret }),
        HealthModule,
        ArchiveModule,
        JobsModule,
        MetricsModule,
        UnionsModule,
        LedgerModule,
        ClaimsModule,
        BankingModule,
        ClosingModule,
        StatementsModule,
        FixedAssetsModule,
        BudgetsModule,
        ExportsModule,
        PrintModule,
        InterchangeModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: apiValidationPipe },
      ],
    };
  }
}
