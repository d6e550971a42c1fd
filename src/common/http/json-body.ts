import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonError } from '../errors/common.errors';

/** No DTO nests deeper than a handful of levels; 32 leaves room for rule sets and stops stack exhaustion. */
export const MAX_JSON_DEPTH = 32;
/** The largest JSON body (a voucher of 500 lines, a claim of 5,000 beneficiaries fit many times over). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deeply the JSON text nests, counted on the raw text before anything parses it, and only up to
 * `limit + 1`: a body of ten thousand brackets never reaches JSON.parse, class-transformer or the
 * validator, each of which recurses once per level.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/**
 * JSON bodies: at most MAX_JSON_BYTES and MAX_JSON_DEPTH levels, refused before parsing; then Fastify's own
 * parser (which refuses `__proto__` and `constructor` keys). Plain-text bodies are no longer accepted at all:
 * nothing in the API takes them, so they answer 415 instead of reaching a DTO as a string.
 */
export function registerJsonBody(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: MAX_JSON_BYTES }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new CommonError('VALIDATION_FAILED', `请求内容嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）`, { messageEn: `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels` }), undefined);
      return;
    }
    parse(request, text, done);
  });
}
