import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.setup';
import { withDatabase } from './global-setup';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => TestAgent;
  /** Direct SQL on the test database, for what the API must not be able to do. */
  sql: Pool;
  url: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and the real app on it. */
export async function startTestApp(): Promise<TestApp> {
  const adminUrl = process.env.UL_TEST_ADMIN_URL!;
  const database = `ul_t_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} TEMPLATE ${process.env.UL_TEST_TEMPLATE}`);
  await admin.end();

  const url = withDatabase(adminUrl, database);
  const app = await createApp({ url, embedded: false }, { swagger: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const sql = new Pool({ connectionString: url, max: 4 });
  return {
    app,
    url,
    sql,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await sql.end();
      await app.close();
    },
  };
}
