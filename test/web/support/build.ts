import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

function newestMtime(dir: string, skip: (path: string) => boolean): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (skip(path)) continue;
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path, skip) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests run the real built service: `nest build` when a server source is newer than the build,
 * and the web app through the same up-to-date check `npm start` uses.
 */
export default async function buildForBrowserTests(): Promise<void> {
  const main = join(ROOT, 'dist/src/main.js');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src'), (p) => p.startsWith(join(ROOT, 'src/web'))),
    newestMtime(join(ROOT, 'migrations'), () => false),
  );
  if (!existsSync(main) || statSync(main).mtimeMs < sources) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
