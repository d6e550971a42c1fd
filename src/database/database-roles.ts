import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { OWNER_ROLE, SERVICE_ROLE } from '../../migrations/roles';

export { OWNER_ROLE, SERVICE_ROLE };

export interface RolePasswords {
  owner: string;
  service: string;
}

/** The same server and database, logged in as another role. */
export function withRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The embedded server's role passwords, kept beside its cluster (mode 0600); made on first use. */
export function embeddedRolePasswords(dataDir: string): RolePasswords {
  const file = join(dataDir, 'db-roles.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RolePasswords;
  mkdirSync(dataDir, { recursive: true });
  const passwords = { owner: randomBytes(18).toString('base64url'), service: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(passwords), { mode: 0o600 });
  return passwords;
}

/** Test servers: passwords derived from the server's admin URL, so concurrent runs against one server agree. */
export function derivedRolePasswords(adminUrl: string): RolePasswords {
  const derive = (role: string) => createHash('sha256').update(`${adminUrl}\n${role}`).digest('base64url').slice(0, 24);
  return { owner: derive(OWNER_ROLE), service: derive(SERVICE_ROLE) };
}

/**
 * As a superuser: creates (or re-keys) the owner and service roles, makes the owner own the database and
 * everything already in its public schema (databases migrated before the roles existed belonged to the
 * superuser), and takes the right to create temporary tables away from everyone else. Idempotent; run at
 * every embedded start and by the test harness. With DATABASE_URL the operator does the same by hand
 * (README, "Database roles").
 */
export async function provisionRoles(adminUrl: string, database: string, passwords: RolePasswords): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const [role, password] of [[OWNER_ROLE, passwords.owner], [SERVICE_ROLE, passwords.service]] as const) {
      const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount! > 0;
      const literal = admin.escapeLiteral(password);
      await admin.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal}`,
      );
    }
    await secureDatabase(admin, database);
  } finally {
    await admin.end();
  }
  await adoptObjects(withDatabase(adminUrl, database));
}

/**
 * Database-level settings, which a database cloned from a template does not inherit: the owner, and no
 * temporary tables for anyone but the owner.
 */
export async function secureDatabase(admin: Client, database: string): Promise<void> {
  const db = admin.escapeIdentifier(database);
  await admin.query(`ALTER DATABASE ${db} OWNER TO ${OWNER_ROLE}`);
  await admin.query(`REVOKE TEMPORARY ON DATABASE ${db} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${SERVICE_ROLE}`);
}

/** Hands every table, sequence, view and function of the public schema to the owner role. */
async function adoptObjects(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const owner = `(SELECT oid FROM pg_roles WHERE rolname = '${OWNER_ROLE}')`;
    const { rows } = await client.query<{ stmt: string }>(`
      SELECT format('ALTER %s %s OWNER TO ${OWNER_ROLE}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, c.oid::regclass) AS stmt
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S') AND c.relowner <> ${owner}
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
      UNION ALL
      SELECT format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proowner <> ${owner}`);
    for (const { stmt } of rows) await client.query(stmt);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
