/**
 * PostgreSQL's jsonb text form, reproduced and read in Node without loss, so that verification never
 * trusts a database function to tell it what a record's content is: objects print their keys shortest
 * first (then bytewise), `"key": value` pairs and array items are separated by `, `, strings are escaped as
 * PostgreSQL's escape_json does, numbers keep their exact text (`100.00` stays `100.00`).
 */

/** A jsonb string literal, escaped exactly as PostgreSQL prints it. */
export function jsonbString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** jsonb orders object keys by length, then by their UTF-8 bytes. */
export function jsonbKeyOrder(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

/** An object from already-rendered values, in jsonb's key order. */
export function jsonbObject(entries: [string, string][]): string {
  const sorted = [...entries].sort(([a], [b]) => jsonbKeyOrder(a, b));
  return sorted.length === 0 ? '{}' : `{${sorted.map(([k, v]) => `${jsonbString(k)}: ${v}`).join(', ')}}`;
}

export function jsonbArray(items: string[]): string {
  return `[${items.join(', ')}]`;
}

/** A nullable string or number rendered as jsonb: strings quoted, numbers (given as their text) bare. */
export const jsonbText = (s: string | null): string => (s === null ? 'null' : jsonbString(s));
export const jsonbNumber = (n: string | number | null): string => (n === null ? 'null' : String(n));
export const jsonbBool = (b: boolean | null): string => (b === null ? 'null' : b ? 'true' : 'false');

/** A parsed jsonb value whose scalars keep their text: numbers and literals as printed, strings decoded. */
export type JsonbNode =
  | { t: 'scalar'; text: string }
  | { t: 'string'; value: string }
  | { t: 'array'; items: JsonbNode[] }
  | { t: 'object'; entries: Map<string, JsonbNode> };

export class JsonbSyntaxError extends Error {}

/** Reads jsonb (or any JSON) text without losing a digit. */
export function parseJsonb(text: string): JsonbNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new JsonbSyntaxError(`${what} at ${i}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    for (; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonbNode => {
    ws();
    const ch = text[i];
    if (ch === '"') return { t: 'string', value: str() };
    if (ch === '[') {
      i++;
      const items: JsonbNode[] = [];
      ws();
      if (text[i] === ']') return i++, { t: 'array', items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, { t: 'array', items };
        else fail('expected , or ]');
      }
    }
    if (ch === '{') {
      i++;
      const entries = new Map<string, JsonbNode>();
      ws();
      if (text[i] === '}') return i++, { t: 'object', entries };
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = str();
        ws();
        if (text[i] !== ':') fail('expected :');
        i++;
        entries.set(key, value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, { t: 'object', entries };
        else fail('expected , or }');
      }
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return { t: 'scalar', text: m[0] };
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

/** The field of an object node as plain text (strings decoded, scalars as printed), or null. */
export function field(node: JsonbNode | undefined, key: string): string | null {
  if (!node || node.t !== 'object') return null;
  const v = node.entries.get(key);
  if (!v) return null;
  if (v.t === 'string') return v.value;
  if (v.t === 'scalar') return v.text === 'null' ? null : v.text;
  return null;
}

export function items(node: JsonbNode | undefined, key: string): JsonbNode[] {
  const v = node?.t === 'object' ? node.entries.get(key) : undefined;
  return v?.t === 'array' ? v.items : [];
}

/**
 * Where `live` no longer holds what `recorded` says, as a path (`lines[2].debit`), or null when it does.
 * Fields a later migration added to the table (absent from older records) are not compared.
 */
export function firstDifference(recorded: JsonbNode, live: JsonbNode, path = ''): string | null {
  if (recorded.t !== live.t) return path || '(value)';
  switch (recorded.t) {
    case 'scalar':
      return recorded.text === (live as typeof recorded).text ? null : path || '(value)';
    case 'string':
      return recorded.value === (live as typeof recorded).value ? null : path || '(value)';
    case 'array': {
      const other = (live as typeof recorded).items;
      if (other.length !== recorded.items.length) return `${path}.length`;
      for (let k = 0; k < other.length; k++) {
        const d = firstDifference(recorded.items[k], other[k], `${path}[${k}]`);
        if (d) return d;
      }
      return null;
    }
    case 'object': {
      const other = (live as typeof recorded).entries;
      for (const [k, v] of recorded.entries) {
        const w = other.get(k);
        const at = path ? `${path}.${k}` : k;
        if (!w) return at;
        const d = firstDifference(v, w, at);
        if (d) return d;
      }
      return null;
    }
  }
}
