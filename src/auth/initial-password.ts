import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Shows the generated password of the first administrator to the person starting the service, and never to
 * the log stream (stdout and stderr usually end in a log collector): it is written to the controlling
 * terminal (/dev/tty) when there is one — on screen even when the output is redirected — and otherwise (under
 * systemd, in a container, in CI) to DATA_DIR/initial-admin-password, readable by the service's user only.
 * Returns the line to log, which names where the password is, not the password.
 */
export function showInitialPassword(username: string, password: string, dataDir: string, tty = '/dev/tty'): string {
  const text = `\n  First start: created the administrator "${username}" with password ${password}\n  It must be changed at the first login.\n\n`;
  try {
    const fd = openSync(tty, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return `First start: created the administrator "${username}"; its generated password was shown on the terminal (it must be changed at the first login).`;
  } catch {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'initial-admin-password');
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return `First start: created the administrator "${username}"; no terminal to show its generated password on, so it is in ${file} (readable by this user only; it must be changed at the first login, then delete the file).`;
  }
}
