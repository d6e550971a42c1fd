import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateFile, ensurePrivateDir, privateWriteStream } from './private-files';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('private files (exports, checkpoints): 0600 in 0700 folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'ul-private-'));

  it('creates missing folders as 0700 and narrows an existing open one', async () => {
    await ensurePrivateDir(join(root, 'a', 'b'));
    expect([modeOf(join(root, 'a')), modeOf(join(root, 'a', 'b'))]).toEqual([0o700, 0o700]);
    mkdirSync(join(root, 'open'), { mode: 0o755 });
    await ensurePrivateDir(join(root, 'open'));
    expect(modeOf(join(root, 'open'))).toBe(0o700);
  });

  it('creates files as 0600, and narrows a file that already exists while emptying it', async () => {
    await createPrivateFile(join(root, 'new.xlsx'));
    expect(modeOf(join(root, 'new.xlsx'))).toBe(0o600);
    writeFileSync(join(root, 'old.xlsx'), 'previous content', { mode: 0o644 });
    await createPrivateFile(join(root, 'old.xlsx'));
    expect([modeOf(join(root, 'old.xlsx')), statSync(join(root, 'old.xlsx')).size]).toEqual([0o600, 0]);
  });

  it('streams into a new 0600 file', async () => {
    const out = privateWriteStream(join(root, 'pack.zip'));
    await new Promise<void>((resolve, reject) => out.end('PK', (err?: Error | null) => (err ? reject(err) : resolve())));
    expect(modeOf(join(root, 'pack.zip'))).toBe(0o600);
  });
});
