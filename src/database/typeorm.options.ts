import './pg-types';
import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

/**
 * Session settings of every connection. Accounting dates are plain dates: never let a session time zone
 * shift them. Prepared statements (the posting path) and trigger statements are primary-key probes: plan
 * them once, generically, instead of re-planning every call for their array parameters (unnamed statements
 * are planned per call anyway).
 */
export const SESSION_OPTIONS = '-c timezone=UTC -c plan_cache_mode=force_generic_plan';

/**
 * The one definition of how we talk to PostgreSQL: shared by the app, the migration CLI and the tests.
 * `poolWaitMs` bounds both the wait for a free pooled connection and the opening of a new one.
 */
export function typeormOptions(url: string, poolSize = 10, poolWaitMs = 10_000): DataSourceOptions {
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
      options: SESSION_OPTIONS,
      connectionTimeoutMillis: poolWaitMs,
      application_name: 'union-ledger',
    },
  };
}
