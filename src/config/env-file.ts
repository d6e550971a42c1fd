import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface EnvFileResult {
  /** The file read, or null when there is none. */
  file: string | null;
  /** Variables taken from the file. */
  applied: string[];
  /** Variables in the file that the environment already set (the environment wins). */
  overridden: string[];
}

let loaded: EnvFileResult | undefined;

/**
 * Loads `.env` (or the file named by ENV_FILE) into process.env, once per process and before anything reads
 * the configuration. A variable already set in the environment wins over the file, as with systemd's or a
 * container's environment. Later calls return the first result.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EnvFileResult {
  if (loaded && env === process.env) return loaded;
  const file = resolve(cwd, env.ENV_FILE || '.env');
  const result: EnvFileResult = { file: null, applied: [], overridden: [] };
  if (existsSync(file)) {
    result.file = file;
    for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
      if (env[name] !== undefined) {
        result.overridden.push(name);
      } else {
        env[name] = value;
        result.applied.push(name);
      }
    }
  } else if (env.ENV_FILE) {
    throw new Error(`ENV_FILE=${env.ENV_FILE}: no such file (${file})`);
  }
  if (env === process.env) loaded = result;
  return result;
}
