/**
 * `npm run demo:web`: the built service on a throw-away embedded PostgreSQL with the people and unions of the
 * browser tests (test/web/support/seed.ts), for trying the web app or developing it with `npm run dev:web`.
 * Prints every login; Ctrl-C stops the service and removes its data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import buildForBrowserTests, { ROOT } from '../test/web/support/build';
import { seedScene } from '../test/web/support/seed';
import { ADMIN, startService } from '../test/web/support/service';

async function main(): Promise<void> {
  await buildForBrowserTests();
  const service = await startService({ PORT: process.env.PORT ?? '3000', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const scene = await seedScene(service.url);
  const logins = [{ who: '系统管理员', username: ADMIN.username, password: ADMIN.password }].concat(
    Object.values(scene.people).map((p) => ({ who: p.displayName, username: p.username, password: p.password })),
  );
  writeFileSync(join(ROOT, 'dist-web-demo.json'), JSON.stringify({ url: service.url, unions: scene.unions, people: scene.people, centerId: scene.centerId }, null, 1));
  console.log(`\nunion-ledger demo at ${service.url}\n`);
  console.table(logins);
  const stop = async () => {
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
