import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CommonError } from '../errors/common.errors';

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** The Idempotency-Key header of a money-moving POST, required and well-formed; `what` names the request in Chinese. */
export function requireIdempotencyKey(key: string | undefined, what: string): string {
  if (!key || !KEY.test(key)) {
    throw new CommonError('IDEMPOTENCY_KEY_REQUIRED', `${what}须带 Idempotency-Key 请求头（8–100 位字母、数字或 ._:-），重试时使用同一个值`);
  }
  return key;
}

/** SHA-256 of the request as JSON: what "the same request" means for a retried key. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Idempotency keys (per union, `idempotency_keys`): the first request with a key does the work and stores
 * its response in the same transaction; a retry with the same key and request gets that response; the same
 * key with another request is refused. A concurrent retry waits at the key's insert for the first one's
 * commit (or its rollback, and then does the work itself), so a failed request leaves no key behind.
 */
@Injectable()
export class IdempotencyKeys {
  async once<T>(
    em: EntityManager,
    unionId: string,
    key: string,
    operation: string,
    request: unknown,
    work: () => Promise<T>,
  ): Promise<T> {
    const hash = requestHash(request);
    const inserted: unknown[] = await em.query(
      `INSERT INTO idempotency_keys (union_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (union_id, key) DO NOTHING RETURNING key`,
      [unionId, key, operation, hash],
    );
    if (inserted.length === 0) {
      const [earlier]: { request_hash: string; response: T }[] = await em.query(
        `SELECT request_hash, response FROM idempotency_keys WHERE union_id = $1 AND key = $2`,
        [unionId, key],
      );
      if (earlier.request_hash !== hash) {
        throw new CommonError('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一笔不同的请求，请为新的请求使用新的值');
      }
      return earlier.response;
    }
    const response = await work();
    await em.query(`UPDATE idempotency_keys SET response = $3 WHERE union_id = $1 AND key = $2`, [unionId, key, JSON.stringify(response)]);
    return response;
  }

  /**
   * Stores the answer of a request whose work answered `null` inside `once` (it reads its answer after the
   * commit, outside the locks its transaction held); the first stored answer stays.
   */
  async remember(em: EntityManager, unionId: string, key: string, response: unknown): Promise<void> {
    await em.query(
      `UPDATE idempotency_keys SET response = $3 WHERE union_id = $1 AND key = $2 AND (response IS NULL OR response = 'null'::jsonb)`,
      [unionId, key, JSON.stringify(response)],
    );
  }
}
