import { createWriteStream, WriteStream } from 'node:fs';
import { chmod, mkdir, open, stat } from 'node:fs/promises';

/** Folders holding books, signatures or keys: the service's user only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files in them: read and written by the service's user only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the folder (and missing parents) as 0700, or narrows an existing one to 0700: an export or a
 * checkpoint lying in a world-readable folder is readable by every account on the machine.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (((await stat(dir)).mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates (or empties) a file as 0600 before a library opens it by name: a writer that creates the file
 * itself would use 0666 less the umask, and a truncating open keeps the mode the file already has.
 */
export async function createPrivateFile(path: string): Promise<void> {
  const handle = await open(path, 'w', PRIVATE_FILE_MODE);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
  } finally {
    await handle.close();
  }
}

/** A write stream to a new private file (0600). */
export function privateWriteStream(path: string): WriteStream {
  return createWriteStream(path, { mode: PRIVATE_FILE_MODE });
}
