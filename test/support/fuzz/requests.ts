import fc from 'fast-check';
import { dtoClasses, Model, modelOf, OpenApiDocument, Operation, queryModel } from './dto-model';
import { FuzzContext, Made, objectOf, ODD_TEXT, queryValue } from './values';

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: string;
  /** 'raw': a JSON body whose DTO the fuzzer cannot find — only certainly-malformed bodies are sent */
  body: Model | 'multipart' | 'raw' | null;
  query: Model | null;
  headers: string[];
  /** What the fuzzer could not model for this route (reported, not fatal: the rest is still fuzzed) */
  gaps: string[];
}

export interface FuzzRequest {
  route: Route;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Certainly invalid: any success is a bug. */
  broken: boolean;
}

/**
 * Values for a path parameter of a route: ones that name something real (or plausibly might), and ones that
 * certainly name nothing the caller may touch (another center's union, an unknown id).
 */
export type PathValues = (path: string, name: string) => { real: string[]; wrong: string[]; lenient?: boolean };

const MALFORMED_IDS = ['not-an-id', '0', '%00', 'a%00b', '%ED%A0%80', 'x'.repeat(200), '..%2F..%2Fetc'];

/** Every operation of the OpenAPI document with its permission, its DTOs and its header parameters. */
export function routesOf(doc: OpenApiDocument): Route[] {
  const classes = dtoClasses();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]: [string, Operation]): Route => {
      const gaps: string[] = [];
      const json = op.requestBody?.content['application/json']?.schema?.$ref?.split('/').pop();
      let body: Route['body'] = op.requestBody?.content['multipart/form-data'] ? 'multipart' : null;
      if (json) {
        try {
          body = modelOf(json, doc, classes);
        } catch (e) {
          body = 'raw';
          gaps.push((e as Error).message);
        }
      }
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const query = queryNames.length > 0 ? queryModel(queryNames, classes) : null;
      if (queryNames.length > 0 && !query) gaps.push(`no query DTO with exactly the parameters ${queryNames.join(', ')}`);
      return {
        method: method as Route['method'],
        path,
        permission: op['x-permission'] ?? 'MISSING',
        body,
        query,
        headers: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
        gaps,
      };
    }),
  );
}

const made = <T>(value: T, broken: boolean): Made<T> => ({ value, broken });
const rarely = fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 15, arbitrary: fc.constant(false) });

function pathArb(route: Route, values: PathValues): fc.Arbitrary<Made<string>> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const one = (name: string): fc.Arbitrary<Made<string>> => {
    const v = values(route.path, name);
    return fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...v.real).map((x) => made(x, false)) },
      { weight: v.wrong.length > 0 ? 2 : 0, arbitrary: fc.constantFrom(...(v.wrong.length > 0 ? v.wrong : ['x'])).map((x) => made(x, true)) },
      // a parameter the fuzzer knows no values for may take any text: a malformed one is sent, not judged
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_IDS).map((x) => made(x, !v.lenient)) },
    );
  };
  return fc.tuple(...names.map(one)).map((parts) => {
    let i = 0;
    const url = route.path.replace(/\{(\w+)\}/g, () => parts[i++].value);
    return made(url, parts.some((p) => p.broken));
  });
}

function queryArb(route: Route, ctx: FuzzContext): fc.Arbitrary<Made<string>> {
  // without a query DTO, parameters are ignored: not wrong, just noise
  if (!route.query) return fc.oneof({ weight: 9, arbitrary: fc.constant(made('', false)) }, { weight: 1, arbitrary: fc.constant(made('?unknown=%00', false)) });
  const fields = route.query.fields.map((f) =>
    fc.oneof({ weight: f.required ? 0 : 2, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: queryValue(f, ctx).map((m) => ({ name: f.name, ...m })) }),
  );
  return fc.tuple(fc.tuple(...fields), rarely).map(([chosen, extra]) => {
    const present = chosen.filter((c): c is { name: string; value: string; broken: boolean } => c !== null);
    const params = present.map((c) => `${c.name}=${encodeQuery(c.value)}`);
    if (extra) params.push('isAdmin=true');
    return made(params.length > 0 ? `?${params.join('&')}` : '', extra || present.some((c) => c.broken));
  });
}

/** Percent-encoding that also carries a lone surrogate (as the three bytes a careless encoder would send). */
function encodeQuery(value: string): string {
  return [...value]
    .map((ch) => {
      const unit = ch.charCodeAt(0);
      if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      return encodeURIComponent(ch);
    })
    .join('');
}

/** Raw bodies no DTO accepts: too deep, not JSON, not an object, not JSON at all. */
const rawBody = fc.constantFrom<{ payload: string; type: string }>(
  { payload: '['.repeat(40) + ']'.repeat(40), type: 'application/json' },
  // deep enough to exhaust the stack of any recursive walk (class-transformer's did, before the depth limit)
  { payload: `{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, type: 'application/json' },
  { payload: `{"a":${'{"b":'.repeat(33)}1${'}'.repeat(33)}}`, type: 'application/json' },
  { payload: '{"lines": [', type: 'application/json' },
  { payload: '[]', type: 'application/json' },
  { payload: '"text"', type: 'application/json' },
  { payload: '12', type: 'application/json' },
  { payload: '{"__proto__": {"admin": true}}', type: 'application/json' },
  { payload: '{"x":"\\ud800"}', type: 'application/json' },
  { payload: 'name=x', type: 'application/x-www-form-urlencoded' },
  { payload: 'hello', type: 'text/plain' },
  { payload: '<a/>', type: 'application/xml' },
);

function bodyArb(route: Route, ctx: FuzzContext): fc.Arbitrary<Made<{ payload?: string | Buffer; type?: string }>> {
  if (route.body === null) return fc.constant(made({}, false));
  if (route.body === 'raw') return rawBody.map((r) => made(r, true));
  if (route.body === 'multipart') return multipartArb();
  const json = objectOf(route.body, ctx).map((m) => made({ payload: JSON.stringify(m.value), type: 'application/json' }, m.broken));
  return fc.oneof({ weight: 12, arbitrary: json }, { weight: 1, arbitrary: rawBody.map((r) => made(r, true)) });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function multipart(fields: [string, string][], file: { name: string; content: Buffer } | null): { payload: Buffer; type: string } {
  const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Documents: mostly refused ones (no file, wrong kind, bad numbers, odd file names), sometimes a real PDF. */
function multipartArb(): fc.Arbitrary<Made<{ payload?: string | Buffer; type?: string }>> {
  const content = fc.oneof(fc.constant(PDF), fc.constant(Buffer.alloc(0)), fc.constant(Buffer.from('not a document')), fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.concat([PDF, Buffer.from(a)])));
  return fc
    .record({
      kind: fc.constantFrom('invoice', 'receipt', 'list', 'other', 'nonsense', ''),
      invoiceNumber: fc.constantFrom(undefined, '12345678', '1234', 'abcdefgh', '1'.repeat(30)),
      name: fc.constantFrom('invoice.pdf', '发票.pdf', ...ODD_TEXT.slice(0, 5).map((o) => `a${o}.pdf`)),
      content,
      file: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    })
    .map((r) => {
      const fields: [string, string][] = [['kind', r.kind]];
      if (r.invoiceNumber) fields.push(['invoiceNumber', r.invoiceNumber]);
      const { payload, type } = multipart(fields, r.file ? { name: r.name, content: r.content } : null);
      const sane = r.file && ['invoice', 'receipt', 'list', 'other'].includes(r.kind) && (r.kind !== 'invoice' || r.invoiceNumber === '12345678');
      // a real PDF with a sane form may be stored (or refused as a duplicate): only the rest is certainly wrong
      return made({ payload, type }, !(sane && r.content.subarray(0, 5).equals(PDF.subarray(0, 5)) && !/\u0000|[\ud800-\udfff]/.test(r.name)));
    });
}

/** Requests for one route: a path, a query, headers and a body, each plausible or malformed. */
export function requestArb(route: Route, ctx: FuzzContext, values: PathValues, token: string | null): fc.Arbitrary<FuzzRequest> {
  const idempotency = route.headers.includes('Idempotency-Key')
    ? fc.oneof({ weight: 6, arbitrary: fc.uuid().map((k) => made<string | null>(k, false)) }, { weight: 1, arbitrary: fc.constantFrom<string | null>(null, '', 'x'.repeat(300)).map((k) => made(k, true)) })
    : fc.constant(made<string | null>(null, false));
  return fc.record({ path: pathArb(route, values), query: queryArb(route, ctx), body: bodyArb(route, ctx), key: idempotency }).map(({ path, query, body, key }) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body.value.type) headers['content-type'] = body.value.type;
    if (key.value !== null) headers['idempotency-key'] = key.value;
    return {
      route,
      method: route.method.toUpperCase(),
      url: path.value + query.value,
      headers,
      payload: body.value.payload,
      broken: path.broken || query.broken || body.broken || key.broken,
    };
  });
}
