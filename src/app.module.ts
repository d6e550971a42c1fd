import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
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
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            pinoHttp: {
              level: config.get<string>('LOG_LEVEL') ?? 'info',
              genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
              redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
            },
          }),
        }),
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
