import './pg-types';
import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

/** The one definition of how we talk to PostgreSQL: shared by the app, the migration CLI and the tests. */
export function typeormOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize,
    extra: {
      // Accounting dates are plain dates: never let a session time zone shift them.
      options: '-c timezone=UTC',
      connectionTimeoutMillis: 10_000,
      application_name: 'union-ledger',
    },
  };
}
