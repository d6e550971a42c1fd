import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed OpenAPI document as a checker of real traffic: every response an e2e test receives is
 * validated against the schema its operation documents for that status (error codes included), and which
 * operations were seen answering a success and an error is logged for the coverage check at the end of
 * the run (global-teardown.ts).
 */
export const OPENAPI_PATH = join(__dirname, '..', '..', 'docs', 'openapi.json');
const REGENERATE = 'If the API changed on purpose, run `npm run openapi` and commit docs/openapi.json.';

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  responses: Record<string, Json>;
}

let checker: ContractChecker | undefined;

export function contractChecker(): ContractChecker {
  checker ??= new ContractChecker(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')));
  return checker;
}

export interface Observed {
  method: string;
  /** Fastify's route pattern, e.g. /api/unions/:unionId/vouchers */
  route: string;
  status: number;
  contentType: string | undefined;
  body: string | undefined;
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Json & { paths: Record<string, Record<string, Operation>>; components: Json }) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const schemas = (doc.components.schemas ?? {}) as Record<string, Json>;
    // named response schemas are closed: a property the document does not name is a contract break
    const closed = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(close(s))]));
    this.ajv.addSchema({ $id: 'openapi', components: { schemas: closed } });
  }

  operation(method: string, route: string): Operation | undefined {
    return this.doc.paths[route.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  }

  /** Problems of one response against the document; empty when it conforms. */
  check(o: Observed): string[] {
    const op = this.operation(o.method, o.route);
    if (!op) return [];
    const where = `${op.operationId} ${o.method} ${o.route} → ${o.status}`;
    const documented = op.responses[String(o.status)] ?? (o.status >= 500 ? op.responses.default : undefined);
    if (!documented) return [`${where}: status ${o.status} is not documented. ${REGENERATE}`];
    const response = this.resolve(documented);
    const content = response.content as Record<string, { schema?: Json }> | undefined;
    if (!content) return o.body ? [`${where}: the document promises no body, the service sent one`] : [];
    const mediaType = (o.contentType ?? '').split(';')[0].trim();
    const entry = content[mediaType];
    if (!entry) return [`${where}: content type ${mediaType || '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    if (mediaType !== 'application/json' || !entry.schema) return [];
    let body: unknown;
    try {
      body = JSON.parse(o.body ?? '');
    } catch {
      return [`${where}: body is not JSON`];
    }
    const validate = this.validator(`${op.operationId}:${o.status}:${mediaType}`, entry.schema);
    if (validate(body)) return [];
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
    return [`${where}: body does not match the documented schema: ${errors.join('; ')}. Body: ${(o.body ?? '').slice(0, 300)}`];
  }

  private resolve(response: Json): Json {
    const ref = response.$ref as string | undefined;
    return ref ? ((this.doc.components.responses as Record<string, Json>)[ref.split('/').pop()!] ?? {}) : response;
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(toJsonSchema(schema));
      this.validators.set(key, v);
    }
    return v;
  }
}

/** A named object schema without additionalProperties gets `additionalProperties: false`. */
function close(schema: Json): Json {
  return schema.type === 'object' && schema.properties && schema.additionalProperties === undefined ? { ...schema, additionalProperties: false } : schema;
}

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null alternative; refs point into the registered document. */
function toJsonSchema(node: unknown): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema) as unknown as Json;
  if (!node || typeof node !== 'object') return node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\//, 'openapi#/');
    else if (k === 'example' || k === 'nullable') continue;
    else out[k] = typeof v === 'object' ? toJsonSchema(v) : v;
  }
  return (node as Json).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Coverage log: one line per observed (operation, outcome), appended by each test process. */
export function logCoverage(testFile: string, seen: Iterable<string>): void {
  const dir = process.env.UL_CONTRACT_DIR;
  if (!dir) return;
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ testFile, seen: [...seen] })}\n`);
}
