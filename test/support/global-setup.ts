import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { derivedRolePasswords, OWNER_ROLE, provisionRoles, SERVICE_ROLE, withRole } from '../../src/database/database-roles';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { typeormOptions } from '../../src/database/typeorm.options';

/**
 * Starts one PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL) and migrates a template database
 * once, as the schema owner. Test files clone it (CREATE DATABASE … TEMPLATE), so each starts from a freshly
 * migrated schema; the app under test logs in as the service role, as in production.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'union-ledger-test-'));
    chmodSync(dataDir, 0o755); // as root the server runs as 'postgres', which must enter it
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres', fast: true });
    (globalThis as Record<string, unknown>).__UL_PG__ = { server, dataDir };
    adminUrl = server.adminUrl;
  }
  const template = `ul_template_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await provisionRoles(adminUrl, template, derivedRolePasswords(adminUrl));

  process.env.UL_TEST_ADMIN_URL = adminUrl;
  process.env.UL_TEST_TEMPLATE = template;
  const ds = new DataSource(typeormOptions(testDatabaseUrl(template, 'owner'), 1));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  // where each test process logs which operations it saw succeed and fail (checked in global-teardown)
  process.env.UL_CONTRACT_DIR = mkdtempSync(join(tmpdir(), 'union-ledger-contract-'));
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A test database as the superuser (tampering, setup), the schema owner (migrations) or the service role (the app). */
export function testDatabaseUrl(database: string, as: 'admin' | 'owner' | 'service'): string {
  const adminUrl = process.env.UL_TEST_ADMIN_URL!;
  const url = withDatabase(adminUrl, database);
  if (as === 'admin') return url;
  const passwords = derivedRolePasswords(adminUrl);
  return as === 'owner' ? withRole(url, OWNER_ROLE, passwords.owner) : withRole(url, SERVICE_ROLE, passwords.service);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
