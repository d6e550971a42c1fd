// npm run bench:web — what a chair's phone downloads to open the app, log in, see 待我审批 and open a claim:
// the entry chunk, the route chunks of login, home (my tasks) and the claim page, and every chunk they import
// statically (followed through Vite's manifest), measured compressed (gzip -9 and brotli, as the service
// serves them). Budget: 300 KB of compressed JavaScript (issue 13). Builds dist-web/ first when stale.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist-web');
const BUDGET = 300 * 1024;
execFileSync(process.execPath, [join(ROOT, 'scripts/build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(OUT, '.vite/manifest.json'), 'utf8'));

/** The chunks a set of manifest entries pulls in before they can run (static imports only; lazy ones load later). */
function closure(keys) {
  const seen = new Set();
  const walk = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}

function measure(files) {
  let raw = 0, gz = 0, br = 0;
  for (const f of new Set(files)) {
    const body = readFileSync(join(OUT, f));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
    br += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: new Set(files).size, raw, gz, br };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const steps = [
  ['entry (shell, router, antd core)', [entry]],
  ['+ 登录', [entry, 'pages/auth/login.page.tsx']],
  ['+ 我的待办 (待我审批)', [entry, 'pages/auth/login.page.tsx', 'pages/home/home.page.tsx']],
  ['+ a claim (审批)', [entry, 'pages/auth/login.page.tsx', 'pages/home/home.page.tsx', 'pages/claims/claim.page.tsx']],
];
const all = measure(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')));
console.log('| what the chair has loaded | chunks | raw | gzip -9 | brotli |');
console.log('|---|---|---|---|---|');
const rows = steps.map(([label, keys]) => {
  const m = measure(closure(keys));
  console.log(`| ${label} | ${m.files} | ${kb(m.raw)} | ${kb(m.gz)} | ${kb(m.br)} |`);
  return m;
});
const first = rows[2]; // login + 待我审批: the "first page a chair opens"
const last = rows[3];
console.log(`| the whole app (every route) | ${all.files} | ${kb(all.raw)} | ${kb(all.gz)} | ${kb(all.br)} |`);
console.log(`\nchair's first page (login + 待我审批): ${kb(first.gz)} gzip = ${((first.gz / BUDGET) * 100).toFixed(0)}% of the 300 KB budget`);
console.log(`opening a claim then adds ${kb(last.gz - first.gz)}; the whole app is ${kb(all.gz)}`);
if (first.gz > BUDGET) process.exitCode = 1;
