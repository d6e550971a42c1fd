import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.setup';
import { secureDatabase } from '../../src/database/database-roles';
import { contractChecker, logCoverage } from './contract';
import { testDatabaseUrl } from './global-setup';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export type Http = () => TestAgent;

export interface GrantSpec {
  role: string;
  centerId?: string;
  unionId?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LoginBody = any;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  http: Http;
}

export interface TestApp {
  app: NestFastifyApplication;
  /**
   * The bookkeeper: accountant and director of every center made through `newCenter`, so ledger tests can
   * prepare, close and reopen. Posting needs someone else (审核 ≠ 制单): `reviewer`.
   */
  http: Http;
  /** A second director of every test center: posts what the bookkeeper prepares. */
  reviewer: Http;
  admin: Http;
  /** No token at all. */
  anon: Http;
  staff: { bookkeeper: TestUser; reviewer: TestUser };
  as(token: string): Http;
  /** The login answer whatever its status (its body as supertest gives it). */
  login(username: string, password: string): Promise<{ accessToken: string; refreshToken: string; status: number; body: LoginBody }>;
  /** A new user with these grants, logged in. */
  userWith(grants: GrantSpec[], name?: string): Promise<TestUser>;
  /** Grants the bookkeeper and the reviewer their roles on a center. */
  staffCenter(centerId: string): Promise<void>;
  /**
   * Direct SQL on the test database as the superuser, for what the API must not be able to do (the app
   * itself logs in as the service role: `serviceUrl`).
   */
  sql: Pool;
  url: string;
  serviceUrl: string;
  database: string;
  /** The app's DATA_DIR (a temporary folder): its checkpoint key and log. */
  dataDir: string;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, the real app on it, and logged-in test users. */
export async function startTestApp(
  opts: {
    env?: Record<string, string>;
    logStream?: { write(line: string): void };
    /** The URL the app connects with, given its own (e.g. through a proxy); `sql` stays direct. */
    appDatabaseUrl?: (url: string) => Promise<string>;
    /** a built web app to serve (default none) */
    web?: string;
  } = {},
): Promise<TestApp> {
  const database = await cloneTestDatabase();
  const url = testDatabaseUrl(database, 'admin');
  const serviceUrl = testDatabaseUrl(database, 'service');
  // a data folder of its own: the checkpoint key and log, exports
  const dataDir = mkdtempSync(join(tmpdir(), 'ul-test-data-'));
  const env = { DATA_DIR: dataDir, ...opts.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let app: NestFastifyApplication;
  const contract = watchContract();
  try {
    const appUrl = opts.appDatabaseUrl ? await opts.appDatabaseUrl(serviceUrl) : serviceUrl;
    app = await createApp({ database: { url: appUrl, embedded: false }, jwtSecret: TEST_JWT_SECRET }, { swagger: true, logStream: opts.logStream, web: opts.web ?? false });
    contract.attach(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const server = app.getHttpServer();
  const anon: Http = () => request(server);
  const as = (token: string): Http => () => request.agent(server).set('authorization', `Bearer ${token}`);
  const login = async (username: string, password: string) => {
    const res = await anon().post('/api/auth/login').send({ username, password });
    return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, status: res.status, body: res.body };
  };
  const adminLogin = await login(ADMIN.username, ADMIN.password);
  if (adminLogin.status !== 200) throw new Error(`admin login failed: ${adminLogin.status} ${JSON.stringify(adminLogin.body)}`);
  const admin = as(adminLogin.accessToken);

  const grant = async (userId: string, g: GrantSpec) => {
    const res = await admin().post(`/api/users/${userId}/grants`).send(g);
    if (res.status !== 201) throw new Error(`grant refused: ${res.status} ${JSON.stringify(res.body)}`);
  };

  let n = 0;
  const userWith = async (grants: GrantSpec[], name?: string): Promise<TestUser> => {
    const username = `${name ?? 'user'}-${++n}-${randomBytes(3).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const created = await admin().post('/api/users').send({ username, displayName: name ?? username, password });
    if (created.status !== 201) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
    for (const g of grants) await grant(created.body.id, g);
    const tokens = await login(username, password);
    if (tokens.status !== 200) throw new Error(`login failed: ${tokens.status} ${JSON.stringify(tokens.body)}`);
    return { id: created.body.id, username, password, http: as(tokens.accessToken) };
  };
  const bookkeeper = await userWith([], 'bookkeeper');
  const reviewer = await userWith([], 'reviewer');

  const sql = new Pool({ connectionString: url, max: 4 });
  return {
    app,
    url,
    serviceUrl,
    database,
    sql,
    http: bookkeeper.http,
    reviewer: reviewer.http,
    admin,
    anon,
    staff: { bookkeeper, reviewer },
    as,
    login,
    userWith,
    staffCenter: async (centerId) => {
      await grant(bookkeeper.id, { role: 'accountant', centerId });
      await grant(bookkeeper.id, { role: 'director', centerId });
      await grant(reviewer.id, { role: 'director', centerId });
    },
    dataDir,
    close: async () => {
      await sql.end();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      contract.finish();
    },
  };
}

/**
 * Every response of the test app is checked against docs/openapi.json as it is sent; a file whose traffic
 * broke the contract fails when it closes its app, listing each break.
 */
function watchContract() {
  const checker = contractChecker();
  const violations = new Map<string, string>(); // by operation and problem, so one break is listed once
  const seen = new Set<string>();
  const testFile = expect.getState().testPath ?? 'unknown';
  return {
    attach(app: NestFastifyApplication) {
      app
        .getHttpAdapter()
        .getInstance()
        .addHook('onSend', async (request, reply, payload) => {
          const route = request.routeOptions?.url;
          const op = route ? checker.operation(request.method, route) : undefined;
          if (route && op) {
            const contentType = reply.getHeader('content-type');
            const body = typeof payload === 'string' ? payload : undefined;
            for (const v of checker.check({ method: request.method, route, status: reply.statusCode, contentType: contentType === undefined ? undefined : String(contentType), body })) {
              const key = v.split('. Body:')[0];
              if (!violations.has(key)) violations.set(key, v);
            }
            seen.add(`${op.operationId}:${reply.statusCode < 400 ? 'success' : 'error'}`);
          }
          return payload;
        });
    },
    finish() {
      logCoverage(testFile, seen);
      if (violations.size > 0) {
        const list = [...violations.values()].slice(0, 20).map((v) => `  - ${v}`);
        throw new Error(`responses broke the OpenAPI contract (docs/openapi.json):\n${list.join('\n')}`);
      }
    },
  };
}

/** A fresh database cloned from the migrated template, owned by the schema owner like the template. */
export async function cloneTestDatabase(): Promise<string> {
  const database = `ul_t_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const pgAdmin = new Client({ connectionString: process.env.UL_TEST_ADMIN_URL! });
  await pgAdmin.connect();
  try {
    await pgAdmin.query(`CREATE DATABASE ${database} TEMPLATE ${process.env.UL_TEST_TEMPLATE}`);
    await secureDatabase(pgAdmin, database);
  } finally {
    await pgAdmin.end();
  }
  return database;
}
