import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { contractCoverageGaps } from './contract-coverage';

export default async function globalTeardown(): Promise<void> {
  const gaps = contractCoverageGaps();
  try {
    await stopDatabase();
  } finally {
    if (gaps && gaps.length > 0) {
      throw new Error(
        `OpenAPI coverage: every operation needs at least one success and one error response in the e2e tests ` +
          `(each is validated against docs/openapi.json). Missing:\n${gaps.map((g) => `  - ${g}`).join('\n')}`,
      );
    }
  }
}

async function stopDatabase(): Promise<void> {
  const pg = (globalThis as Record<string, unknown>).__UL_PG__ as { server: { stop(): Promise<void> }; dataDir: string } | undefined;
  if (pg) {
    await pg.server.stop();
    rmSync(pg.dataDir, { recursive: true, force: true });
    return;
  }
  // On a shared server (TEST_DATABASE_URL) drop what this run created.
  const admin = new Client({ connectionString: process.env.UL_TEST_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'ul\\_t\\_%'`,
    [process.env.UL_TEST_TEMPLATE],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}
