import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApiExceptionFilter } from './common/http/exception.filter';
import { apiValidationPipe } from './common/validation/validation.pipe';
import { validateEnv } from './config/app.config';
import { DatabaseModule, DatabaseRuntime } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { UnionsModule } from './unions/unions.module';

@Module({})
export class AppModule {
  static forRoot(database: DatabaseRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnv }),
        DatabaseModule.forRoot(database),
        HealthModule,
        UnionsModule,
        LedgerModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: apiValidationPipe },
      ],
    };
  }
}
