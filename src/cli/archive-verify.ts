import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile } from '../config/env-file';
import { describeVerification } from '../archive/domain/verification-text';
import { verifyPackage } from '../archive/domain/package-verifier';
import { PackageUnreadable, readPackage } from '../archive/package-reader';
import { trustedFingerprint } from './verify-cover';

/**
 * npm run archive:verify -- PACKAGE.zip [--public-key PEM-FILE|FINGERPRINT]: checks an archive package
 * offline, with no database (四性: signature, every listed file present with its hash, nothing extra,
 * files open, nothing unsafe). The trusted key defaults to DATA_DIR's published checkpoint-key.pub.pem when
 * there is one. Exit 0: the package verifies; 1: it does not (each problem printed, a tampered file by name).
 */
async function main(): Promise<number> {
  loadEnvFile();
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'public-key': { type: 'string' }, json: { type: 'boolean' } } });
  const [file] = positionals;
  if (!file) {
    console.error('usage: npm run archive:verify -- PACKAGE.zip [--public-key PEM-FILE|FINGERPRINT] [--json]');
    return 2;
  }
  const published = join(resolve(process.env.DATA_DIR ?? './data'), 'checkpoint-key.pub.pem');
  const key = values['public-key'] ?? (existsSync(published) ? published : undefined);
  try {
    const result = verifyPackage(await readPackage(file), key ? [trustedFingerprint(key)] : undefined);
    console.log(values.json ? JSON.stringify(result, null, 2) : describeVerification(file, result));
    return result.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof PackageUnreadable)) throw err;
    console.log(`不通过：${file} ${err.message}`);
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error('archive:verify failed:', err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
