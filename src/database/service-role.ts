import { DataSource } from 'typeorm';
import { OWNER_ROLE, SERVICE_ROLE } from './database-roles';
import { typeormOptions } from './typeorm.options';

export class DatabaseRoleError extends Error {}

/** Pending migrations, applied as the schema owner on a short-lived connection of their own. */
export async function runMigrationsAsOwner(url: string): Promise<void> {
  const ds = new DataSource(typeormOptions(url, 1));
  await ds.initialize();
  try {
    await ds.runMigrations();
  } catch (err) {
    const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    if (code === '42501') {
      throw new DatabaseRoleError(
        `Migrations need the schema owner (${OWNER_ROLE}): set MIGRATION_DATABASE_URL to a URL that logs in as it ` +
          `(README, "Database roles"). PostgreSQL said: ${(err as Error).message}`,
      );
    }
    throw err;
  } finally {
    await ds.destroy();
  }
}

interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  ownsObjects: boolean;
}

/**
 * The service refuses to run with rights that would let it switch the database's guards off: as a
 * superuser, or as a role that owns (or is a member of the owner of) our tables, unless
 * DATABASE_ALLOW_PRIVILEGED_ROLE=true says the operator knows. It also refuses a schema that is behind
 * its migrations (they run as the owner, before the service starts).
 */
export async function assertServiceRole(ds: DataSource, allowPrivileged: boolean): Promise<void> {
  const [facts]: RoleFacts[] = await ds.query(`
    SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS "bypassRls",
           EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS "ownsObjects"
      FROM pg_roles r WHERE r.rolname = current_user`);
  const privileged = facts.superuser || facts.bypassRls || facts.ownsObjects;
  if (privileged && !allowPrivileged) {
    const what = facts.superuser ? 'a superuser' : facts.ownsObjects ? 'the owner of the tables' : 'a role that bypasses row security';
    throw new DatabaseRoleError(
      `The service connects to PostgreSQL as ${facts.role}, ${what}: it could switch off the triggers that keep the books ` +
        `append-only. Connect as ${SERVICE_ROLE} (README, "Database roles"), or set DATABASE_ALLOW_PRIVILEGED_ROLE=true to run anyway.`,
    );
  }
  if (await ds.showMigrations()) {
    throw new DatabaseRoleError(
      'The database has pending migrations and this start did not run them: set MIGRATION_DATABASE_URL (the schema owner) ' +
        'or run npm run migration:run, then start again.',
    );
  }
}
