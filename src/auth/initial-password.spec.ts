import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showInitialPassword } from './initial-password';

describe('the generated first administrator password', () => {
  const password = 'Gen3rated-Secret-xyz';

  it('goes to the terminal when there is one, and the line to log does not hold it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ul-pw-'));
    const terminal = join(dir, 'tty');
    writeFileSync(terminal, '');
    const line = showInitialPassword('admin', password, join(dir, 'data'), terminal);
    expect(readFileSync(terminal, 'utf8')).toContain(password);
    expect(line).not.toContain(password);
    expect(line).toMatch(/shown on the terminal/);
    expect(existsSync(join(dir, 'data', 'initial-admin-password'))).toBe(false);
  });

  it('without a terminal goes to a file only its owner can read, which the line to log names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ul-pw-'));
    const line = showInitialPassword('admin', password, join(dir, 'data'), join(dir, 'no-such-dir', 'tty'));
    const file = join(dir, 'data', 'initial-admin-password');
    expect(readFileSync(file, 'utf8').trim()).toBe(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(line).not.toContain(password);
    expect(line).toContain(file);
  });
});
