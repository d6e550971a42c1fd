import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../config/app.config';
import { resolveDatabase } from './database-url';
import { typeormOptions } from './typeorm.options';

/**
 * For the TypeORM CLI (npm run migration:run | migration:revert | migration:generate): the same database
 * the service would use, embedded or DATABASE_URL, as the schema owner (MIGRATION_DATABASE_URL). The CLI
 * destroys the data source when it is done (some commands without exiting), so the embedded server is
 * stopped right after it; otherwise its child process would keep the CLI alive.
 */
export default (async () => {
  const env = validateEnv(process.env);
  const { migrationUrl, embedded } = await resolveDatabase(
    env,
    (line) => {
      if (!line.includes('LOG:')) process.stderr.write(`${line}\n`);
    },
    { ownSignalHandling: false },
  );
  const dataSource = new DataSource(typeormOptions(migrationUrl, 2));
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await embedded?.stop();
  };
  return dataSource;
})();
