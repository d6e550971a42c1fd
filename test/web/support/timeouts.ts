/**
 * Browser flows are long (a service start, a seeded scene, dozens of page steps), and the suite runs on a shared
 * 2-core machine next to the e2e files. jest reads the global `testTimeout` (120 s) from jest.config.ts; this
 * file, listed in the web project's `setupFilesAfterEnv`, gives each web test and hook its own, longer budget.
 */
export const WEB_TEST_TIMEOUT = 600_000;
/** One browser action or wait (Playwright's default is 30 s; a loaded machine has taken longer to paint). */
export const WEB_STEP_TIMEOUT = 60_000;

jest.setTimeout(WEB_TEST_TIMEOUT);
