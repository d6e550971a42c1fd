'use strict';
/**
 * npm start: builds the service when its sources changed since the last build, then runs it in this very
 * process (package.json: `exec node src/cli/start.js`, so npm's signals reach the service itself and its
 * graceful shutdown stops node and PostgreSQL). Plain JavaScript: it runs before anything is compiled.
 *
 *   node src/cli/start.js                 build if needed, then serve
 *   node src/cli/start.js --build-only    build if needed (for npm run verify, the benches, test:crash)
 *   node src/cli/start.js --record-build  (npm's postbuild) record what dist/ was built from
 *
 * "What it was built from" is a hash of every build input (src/, migrations/, the compiler and package
 * settings), kept in dist/.build-fingerprint; `nest build` empties dist/ first, so an interrupted build
 * leaves no fingerprint and the next start builds again.
 */
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const FINGERPRINT = path.join(DIST, '.build-fingerprint');
const MAIN = path.join(DIST, 'src', 'main.js');
const INPUT_DIRS = ['src', 'migrations'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const LOCK = path.join(ROOT, 'node_modules', '.cache', 'union-ledger-build.lock');

function fingerprint() {
  const hash = createHash('sha256');
  const files = [...INPUT_FILES.filter((f) => fs.existsSync(path.join(ROOT, f)))];
  for (const dir of INPUT_DIRS) files.push(...walk(dir));
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function walk(dir) {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel);
    return e.name.endsWith('.spec.ts') ? [] : [rel];
  });
}

function upToDate() {
  return fs.existsSync(MAIN) && fs.existsSync(FINGERPRINT) && fs.readFileSync(FINGERPRINT, 'utf8').trim() === fingerprint();
}

/** One build at a time per checkout: a second `npm start` waits for the first one's build. */
function takeLock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    const holder = Number(fs.readFileSync(LOCK, 'utf8'));
    if (!isAlive(holder)) {
      fs.rmSync(LOCK, { force: true });
      return takeLock();
    }
    return false;
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function build() {
  return new Promise((resolve, reject) => {
    console.log('union-ledger: sources changed since the last build (or no build yet): npm run build');
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    // a signal while building stops the build and this launcher (nothing else is running yet)
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (code === 0) resolve();
      else reject(new Error(signal ? `the build was stopped (${signal})` : `the build failed (exit ${code})`));
    });
  });
}

async function buildIfNeeded() {
  for (;;) {
    if (upToDate()) return;
    if (takeLock()) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    if (!upToDate()) await build();
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
  if (!upToDate()) throw new Error('the build did not record its fingerprint (dist/.build-fingerprint): is postbuild in package.json?');
}

if (process.argv.includes('--record-build')) {
  fs.writeFileSync(FINGERPRINT, `${fingerprint()}\n`);
} else {
  buildIfNeeded().then(
    () => {
      if (!process.argv.includes('--build-only')) require(MAIN);
    },
    (err) => {
      console.error(`union-ledger: ${err.message}`);
      process.exit(1);
    },
  );
}
