import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Checkpoint, CheckpointFold, fingerprint, publicKeyText } from './domain/checkpoint.rules';

export class CheckpointKeyError extends Error {}

export interface CheckpointPaths {
  /** The private key (PEM, PKCS#8): CHECKPOINT_KEY_FILE, or DATA_DIR/checkpoint-key.pem beside the JWT secret. */
  keyFile: string;
  /** Whether the key is the default one in DATA_DIR, which is made on first use. */
  generated: boolean;
  /** The append-only log of signed checkpoints. */
  logFile: string;
  /** The public key, published beside it (PEM). */
  publicKeyFile: string;
}

export function checkpointPaths(env: { DATA_DIR: string; CHECKPOINT_KEY_FILE?: string }): CheckpointPaths {
  const dir = resolve(env.DATA_DIR);
  return {
    keyFile: env.CHECKPOINT_KEY_FILE ? resolve(env.CHECKPOINT_KEY_FILE) : join(dir, 'checkpoint-key.pem'),
    generated: !env.CHECKPOINT_KEY_FILE,
    logFile: join(dir, 'checkpoints.log'),
    publicKeyFile: join(dir, 'checkpoint-key.pub.pem'),
  };
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64url of the 32 public bytes, as checkpoints name it */
  text: string;
  fingerprint: string;
  pem: string;
}

/**
 * The Ed25519 key that signs checkpoints. Never in the database: given by the operator (CHECKPOINT_KEY_FILE,
 * best kept off the data folder) or made on first start in DATA_DIR (mode 0600), like the JWT secret.
 */
export function loadSigningKey(paths: CheckpointPaths): SigningKey {
  if (!existsSync(paths.keyFile)) {
    if (!paths.generated) throw new CheckpointKeyError(`CHECKPOINT_KEY_FILE ${paths.keyFile} does not exist`);
    mkdirSync(dirname(paths.keyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(paths.keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(paths.keyFile));
  } catch (err) {
    throw new CheckpointKeyError(`the checkpoint key ${paths.keyFile} cannot be read: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new CheckpointKeyError(`the checkpoint key ${paths.keyFile} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  mkdirSync(dirname(paths.publicKeyFile), { recursive: true });
  if (!existsSync(paths.publicKeyFile) || readFileSync(paths.publicKeyFile, 'utf8') !== pem) writeFileSync(paths.publicKeyFile, pem, { mode: 0o644 });
  const text = publicKeyText(publicKey);
  return { privateKey, publicKey, text, fingerprint: fingerprint(text), pem };
}

/** The fingerprint of a public key given as PEM (what an auditor was handed) or as a checkpoint's key text. */
export function fingerprintOf(publicKey: string): string {
  const key = publicKey.includes('BEGIN PUBLIC KEY') ? publicKeyText(createPublicKey(publicKey)) : publicKey.trim();
  return fingerprint(key);
}

/** The log's lines (a missing log has none). */
export function readLogLines(logFile: string): string[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** Reads and checks the whole log. */
export function foldLog(logFile: string, trusted: string[]): CheckpointFold {
  const fold = new CheckpointFold(trusted);
  for (const line of readLogLines(logFile)) fold.feed(line);
  return fold;
}

/** Appends one line in one write (O_APPEND): a line is never interleaved with another. */
export function appendCheckpoint(logFile: string, c: Checkpoint): string {
  const line = JSON.stringify(c);
  mkdirSync(dirname(logFile), { recursive: true });
  appendFileSync(logFile, `${line}\n`, { mode: 0o600 });
  return line;
}
