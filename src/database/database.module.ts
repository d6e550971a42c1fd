import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Database } from './database.service';
import { typeormOptions } from './typeorm.options';

export interface DatabaseRuntime {
  /** Resolved before the app is built: DATABASE_URL or the embedded server's URL. */
  url: string;
  embedded: boolean;
}

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...typeormOptions(runtime.url, config.get<number>('DB_POOL_SIZE') ?? 10),
            // pending migrations run at start; synchronize is never on
            migrationsRun: true,
          }),
        }),
      ],
      providers: [Database, { provide: DATABASE_RUNTIME, useValue: runtime }],
      exports: [Database, DATABASE_RUNTIME],
    };
  }
}
