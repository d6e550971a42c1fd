import fc from 'fast-check';
import { isValidText } from '../../../src/common/validation/validation.pipe';
import { Field, Model } from './dto-model';

/** What the fixtures offer the generators: real codes and ids, so that plausible requests reach services. */
export interface FuzzContext {
  accounts: string[];
  projects: string[];
  ids: string[];
}

/** A generated value and whether it is certainly invalid (then any success is a bug). */
export interface Made<T = unknown> {
  value: T;
  broken: boolean;
}

const TEXT = [...'工会经费报销凭证摘要会员慰问品张三李四abcXYZ019 -_.，。（）'];
const ODD_TEXT = ['\u0000', 'a\u0000b', '\ud800', 'x\udfff', '\ud83d', '\u202e', '\ufeff', ' ', '', '💰', '𠀀'];

const text = (min: number, max: number) => fc.array(fc.constantFrom(...TEXT), { minLength: min, maxLength: Math.min(max, min + 24) }).map((a) => a.join(''));
const two = (n: number) => String(n).padStart(2, '0');
const period = fc.record({ y: fc.integer({ min: 2025, max: 2027 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${two(m)}`);
const date = fc.date({ min: new Date('2025-11-01T00:00:00Z'), max: new Date('2027-02-28T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const amount = fc.oneof(
  fc.constantFrom('0.00', '0.01', '1.00', '100.00', '800.00', '-5.00', '999999999999.99', '-999999999999.99'),
  fc.record({ i: fc.integer({ min: 0, max: 99999 }), f: fc.integer({ min: 0, max: 99 }) }).map(({ i, f }) => `${i}.${two(f)}`),
);

/** Values that are wrong for any rule: wrong JSON types, text PostgreSQL cannot hold. */
const wrongType = fc.constantFrom<unknown>(12.5, -1, 1e308, true, [], [1, 'a'], { a: 1 }, [[[]]], 'a\u0000', '\ud800');

function constraint(field: Field, rule: string, i = 0): unknown {
  return field.rules.get(rule)?.constraints?.[i];
}

/**
 * Strings a pattern accepts. fast-check cannot generate from lookaheads: those are dropped from the
 * pattern and the strings filtered through the real one instead.
 */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(pattern);
  } catch {
    const plain = pattern.source.replace(/\(\?<?[=!](?:[^()\\]|\\.|\([^()]*\))*\)/g, '');
    return fc.stringMatching(new RegExp(plain, pattern.flags)).filter((v) => pattern.test(v));
  }
}

/**
 * A value every rule of the field accepts, as far as a generator can tell; a nested DTO is built like a body,
 * with half the chance of a broken field inside (which breaks the whole).
 */
export function plausible(field: Field, ctx: FuzzContext, depth = 0, breakRate = 0): fc.Arbitrary<Made> {
  if (!field.nested) return plainValue(field, ctx).map((value) => ({ value, broken: false }));
  const one = objectOf(field.nested, ctx, depth + 1, breakRate / 2);
  if (!field.list) return one;
  return fc.array(one, { minLength: Number(constraint(field, 'arrayMinSize') ?? 0), maxLength: 3 }).map((items) => ({ value: items.map((i) => i.value), broken: items.some((i) => i.broken) }));
}

function plainValue(field: Field, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const r = field.rules;
  if (r.has('isAmount')) return amount;
  if (r.has('isCalendarDate')) return date;
  if (r.has('isPeriod')) return period;
  if (r.has('isAccountCode')) return fc.oneof(fc.constantFrom(...ctx.accounts), fc.stringMatching(/^\d{3}(\d{2}){0,3}$/));
  if (r.has('isIn')) return fc.constantFrom(...(constraint(field, 'isIn') as unknown[]));
  if (r.has('isUuid')) return fc.oneof(fc.constantFrom(...ctx.ids), fc.uuid());
  if (r.has('isBoolean')) return fc.boolean();
  if (r.has('isInt')) return fc.integer({ min: Number(constraint(field, 'min') ?? -5), max: Math.min(Number(constraint(field, 'max') ?? 100_000), 100_000) });
  if (r.has('isIso8601')) return date.map((d) => `${d}T08:00:00+08:00`);
  if (r.has('isObject')) return fc.oneof(fc.constant({ prohibitedKinds: [], caps: [], requiredDocuments: [] }), fc.object({ maxDepth: 2, maxKeys: 3 }));
  if (r.has('matches')) {
    const pattern = constraint(field, 'matches') as RegExp;
    if (/项目|PROJECT|_-/.test(String(pattern)) && ctx.projects.length > 0) return fc.oneof(fc.constantFrom(...ctx.projects), fc.stringMatching(pattern));
    return matching(pattern);
  }
  if (r.has('isLength')) return text(Number(constraint(field, 'isLength', 0)), Number(constraint(field, 'isLength', 1)));
  return text(1, 20);
}

/** A value the field certainly refuses. */
export function malformed(field: Field): fc.Arbitrary<unknown> {
  const r = field.rules;
  // an empty list may be valid, and so may any object where an object is all that is asked
  // (and a wrong type for one field is the right one for another: a flag takes true, a whole number -1)
  const wrong = wrongType.filter(
    (v) =>
      !(field.list && Array.isArray(v) && v.length === 0) &&
      !(r.has('isObject') && !field.nested && !Array.isArray(v) && typeof v === 'object') &&
      !(r.has('isBoolean') && typeof v === 'boolean') &&
      !((r.has('isInt') || r.has('isNumber')) && typeof v === 'number'),
  );
  const own: fc.Arbitrary<unknown>[] = [wrong];
  if (field.nested) own.push(fc.constantFrom<unknown>('x', 7, field.list ? { a: 1 } : [], field.list ? [['x']] : [[]]));
  if (r.has('isLength')) own.push(fc.constant('x'.repeat(Number(constraint(field, 'isLength', 1)) + 1)));
  if (r.has('isCalendarDate')) own.push(fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '2026-1-1', '2026-02-29', '99999-01-01'));
  if (r.has('isPeriod')) own.push(fc.constantFrom('2026-13', '2026-00', '1899-12', '202603', '2026-3'));
  if (r.has('isAmount')) own.push(fc.constantFrom('1.234', '1e3', 'NaN', '', ' 1.00', '1,000.00', '0x10', '9999999999999.00'));
  if (r.has('isIn')) own.push(fc.constantFrom('not-a-value', 'GENERAL'));
  if (r.has('isUuid')) own.push(fc.constantFrom('not-a-uuid', '01900000-0000-7000-8000-00000000000', '{01900000-0000-7000-8000-000000000000}'));
  if (r.has('isInt')) own.push(fc.constantFrom(1.5, Number(constraint(field, 'max') ?? 1e9) + 1));
  if (r.has('isAccountCode')) own.push(fc.constantFrom('abc', '1020', '10201000000', '-102'));
  return fc.oneof(...own);
}

/**
 * A body for a DTO: each field omitted (when it may be), plausible, null, or malformed; now and then an
 * unknown field. `broken` when the body is certainly invalid: a malformed value, a missing required field,
 * null where null is refused, an unknown field.
 */
export function objectOf(model: Model, ctx: FuzzContext, depth = 0, breakRate = 0.15): fc.Arbitrary<Made<Record<string, unknown>>> {
  const pick = (field: Field): fc.Arbitrary<{ mode: 'omit' | 'value' | 'null' | 'bad'; value?: unknown }> =>
    fc.oneof(
      { weight: field.required ? 0 : 2, arbitrary: fc.constant({ mode: 'omit' as const }) },
      { weight: 10, arbitrary: plausible(field, ctx, depth, breakRate).map((m) => ({ mode: m.broken ? ('bad' as const) : ('value' as const), value: m.value })) },
      { weight: breakRate > 0 ? 1 : 0, arbitrary: fc.constant({ mode: 'null' as const, value: null }) },
      { weight: breakRate > 0 ? Math.max(1, Math.round(breakRate * 20)) : 0, arbitrary: malformed(field).map((value) => ({ mode: 'bad' as const, value })) },
    );
  const fields = Object.fromEntries(model.fields.map((f) => [f.name, pick(f)]));
  return fc.record({ fields: fc.record(fields), extra: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: breakRate > 0 ? 1 : 0, arbitrary: fc.constantFrom(...ODD_TEXT.slice(3), 'isAdmin', '__proto__x', 'lines ') }) }).map(({ fields: chosen, extra }) => {
    const value: Record<string, unknown> = {};
    let broken = false;
    for (const f of model.fields) {
      const c = chosen[f.name] as { mode: string; value?: unknown };
      if (c.mode === 'omit') continue;
      value[f.name] = c.value;
      if (c.mode === 'bad' || (c.mode === 'null' && !f.nullable)) broken = true;
    }
    if (extra !== null) {
      value[extra] = 1;
      broken = true;
    }
    return { value, broken };
  });
}

/** A query string value: plausible, or certainly malformed (as text: the query is parsed from text). */
export function queryValue(field: Field, ctx: FuzzContext): fc.Arbitrary<Made<string>> {
  const numeric = field.rules.has('isInt') ? [fc.constantFrom('1e20', '-1', '1.5', 'NaN', '0x10', '')] : [];
  // a lone surrogate cannot travel in a URL (it arrives as U+FFFD): only NUL is certainly refused there
  const bad = fc.oneof(fc.constantFrom('a\u0000b'), malformed(field).filter((v): v is string => typeof v === 'string' && isValidText(v.replace(/\u0000/g, ''))), ...numeric);
  return fc.oneof(
    { weight: 5, arbitrary: plainValue(field, ctx).map((v) => ({ value: String(v), broken: false })) },
    { weight: 1, arbitrary: bad.map((value) => ({ value, broken: true })) },
  );
}

export { ODD_TEXT };
