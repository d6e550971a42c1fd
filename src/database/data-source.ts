import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/app.config';
import { resolveDatabase } from './database-url';
import { typeormOptions } from './typeorm.options';

/**
 * For the TypeORM CLI (npm run migration:run | migration:revert | migration:generate): the same database
 * the service would use, embedded or DATABASE_URL. The embedded server stops when the CLI exits.
 */
export default (async () => {
  const env = validateEnv(process.env);
  const { url } = await resolveDatabase(env, (line) => {
    if (!line.includes('LOG:')) process.stderr.write(`${line}\n`);
  });
  return new DataSource(typeormOptions(url, 2));
})();
