import { existsSync, readFileSync } from 'node:fs';
import { fingerprintOf } from '../integrity/checkpoint-files';
import { checkCover, readCheckpointFile } from '../integrity/cover-checkpoint';

/** A public key given as a PEM file, PEM text, a checkpoint's key text or a fingerprint: its fingerprint. */
export function trustedFingerprint(given: string): string {
  const text = existsSync(given) ? readFileSync(given, 'utf8') : given;
  return /^[0-9a-f]{64}$/i.test(text.trim()) ? text.trim().toLowerCase() : fingerprintOf(text);
}

export function checkFile(file: string, publicKey: string | undefined): Promise<number> {
  return readCheckpointFile(file).then((c) => {
    const trusted = publicKey ? trustedFingerprint(publicKey) : undefined;
    const result = checkCover(c, trusted);
    if (result.problem === 'malformed') {
      console.log(`NOT VALID: ${file} holds no signed checkpoint`);
      return 1;
    }
    console.log(`checkpoint #${c.n} of ${c.at}, signed by key ${result.fingerprint ?? '?'}`);
    for (const [union, chain, seq, hash] of c.heads ?? []) console.log(`  ${union} ${chain} #${seq} ${hash}`);
    if (result.ok) console.log(trusted ? 'signature valid, by the trusted key' : 'signature valid (give --public-key to check it is the center\'s key)');
    else console.log(`NOT VALID: ${result.problem}`);
    return result.ok ? 0 : 1;
  });
}

