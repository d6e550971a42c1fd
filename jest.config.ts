import type { Config } from 'jest';

const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] as [string, object] };

/**
 * Three projects: `unit` for the pure domain (no database), `e2e` for the HTTP API on real PostgreSQL, `web` for
 * the web app in headless Chromium against the built service. The e2e global setup migrates one template
 * database; each test file clones its own database from it. Each web test file starts its own service.
 */
const config: Config = {
  // jest reads testTimeout only here, never per project; unit tests finish far below it anyway
  testTimeout: 120_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts', '<rootDir>/test/support/pg-boss-timers.ts'],
    },
    {
      // the web app in Debian's Chromium (playwright-core) against the real built service: see docs/web.md
      displayName: 'web',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/web/support/build.ts',
      // each flow gets 10 minutes and each browser step a minute: a loaded 2-core machine, not a hang
      setupFilesAfterEnv: ['<rootDir>/test/web/support/timeouts.ts'],
    },
  ],
};

export default config;
