import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

/**
 * The browser tests run the real built service, built the way `npm start` builds it (src/cli/start.js
 * --build-only: the sources' fingerprint, under the build lock, recorded in dist/.build-fingerprint), and the
 * web app through the same up-to-date check `npm start` uses. One up-to-date check for both: with a check of
 * its own here (file times), a later `start.js --build-only` in the same run (test/e2e/start-stop) found no
 * fingerprint and rebuilt, emptying dist/ under a browser test's running service (MODULE_NOT_FOUND).
 */
export default async function buildForBrowserTests(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'src/cli/start.js'), '--build-only'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
