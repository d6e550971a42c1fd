import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Database } from './database.service';
import { assertServiceRole, runMigrationsAsOwner } from './service-role';
import { typeormOptions } from './typeorm.options';

export interface DatabaseRuntime {
  /** Resolved before the app is built: DATABASE_URL or the embedded server's URL, as the service role. */
  url: string;
  /** The schema owner's URL: pending migrations run through it before the service connects. Unset: none run. */
  migrationUrl?: string;
  embedded: boolean;
}

export const DATABASE_RUNTIME = Symbol('DATABASE_RUNTIME');

/** Refuses to serve with a role that could switch the database's guards off, or on a schema behind its migrations. */
@Injectable()
class ServiceRoleCheck implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ConfigService) private readonly config: ConfigService,
  ) {}

  onModuleInit(): Promise<void> {
    return assertServiceRole(this.ds, this.config.get<string>('DATABASE_ALLOW_PRIVILEGED_ROLE') === 'true');
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(runtime: DatabaseRuntime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: async (config: ConfigService) => {
            // pending migrations run as the schema owner, never through the service's own pool
            if (runtime.migrationUrl) await runMigrationsAsOwner(runtime.migrationUrl);
            return { ...typeormOptions(runtime.url, config.get<number>('DB_POOL_SIZE') ?? 10), migrationsRun: false };
          },
        }),
      ],
      providers: [Database, ServiceRoleCheck, { provide: DATABASE_RUNTIME, useValue: runtime }],
      exports: [Database, DATABASE_RUNTIME],
    };
  }
}
