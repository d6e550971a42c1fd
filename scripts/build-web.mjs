#!/usr/bin/env node
// Builds the web app (src/web, Vite) into dist-web/ — only when something it is built from changed, unless
// --force. "Built from" is exact: every module the last build bundled (recorded with its hash in
// dist-web/.build.json, so pure server modules the app imports count too), every file under src/web, and
// package-lock.json. Afterwards each asset is written pre-compressed (.br, .gz) for the service to send.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Always a production bundle, whoever calls us: jest's NODE_ENV=test would otherwise give React's and antd's
// development builds (bigger, slower, with dev-only warnings).
process.env.NODE_ENV = 'production';
/** Bumped when what this script produces changes, so older builds count as stale. */
const BUILDER = 2;

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'dist-web');
const stampFile = join(outDir, '.build.json');
const force = process.argv.includes('--force');

const hash = (file) => createHash('sha1').update(readFileSync(file)).digest('hex');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

function inputsNow(previous) {
  const files = new Set([...walk(join(root, 'src/web')), join(root, 'package-lock.json'), ...Object.keys(previous).map((f) => join(root, f))]);
  return Object.fromEntries([...files].map((f) => [relative(root, f), existsSync(f) ? hash(f) : null]));
}

function upToDate() {
  if (force || !existsSync(stampFile) || !existsSync(join(outDir, 'index.html'))) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  if (stamp.builder !== BUILDER) return false;
  const now = inputsNow(stamp.inputs);
  return Object.keys(now).length === Object.keys(stamp.inputs).length && Object.entries(now).every(([f, h]) => stamp.inputs[f] === h);
}

if (upToDate()) {
  console.log('web app: dist-web/ is up to date');
  process.exit(0);
}

const started = Date.now();
const { build } = await import('vite');
const result = await build({ configFile: join(root, 'src/web/vite.config.mts'), logLevel: 'warn' });
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output ?? []);
const bundled = outputs.flatMap((o) => (o.type === 'chunk' ? o.moduleIds : [])).filter((id) => id.startsWith(root) && !id.includes('node_modules'));

for (const file of walk(outDir)) {
  if (!/\.(js|css|html|svg|json)$/.test(file) || file.endsWith('.build.json') || statSync(file).size < 1024) continue;
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
}

const recorded = Object.fromEntries(bundled.map((f) => [relative(root, f.split('?')[0]), null]));
writeFileSync(stampFile, JSON.stringify({ builder: BUILDER, builtAt: new Date().toISOString(), inputs: inputsNow(recorded) }, null, 1));
console.log(`web app: built dist-web/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
