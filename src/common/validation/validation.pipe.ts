import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError } from 'class-validator';
import { CommonError } from '../errors/common.errors';
import { fieldTitle } from './field-label';
import { FALLBACK, REQUIRED, RULE_PHRASES } from './rule-messages';

/** One refused field, as clients receive it in `details.errors`. */
export interface FieldProblem {
  /** The JSON path of the field: `lines.0.summary`. */
  field: string;
  /** Its Chinese name: `分录第 1 行的摘要`. */
  label: string;
  /** The rule it broke (class-validator's name): `isLength`. */
  rule: string;
  message: string;
  messageEn: string;
}

interface Place {
  path: string;
  label: string;
}

const INDEX = /^\d+$/;
/** Rules that only make sense on text; on anything else the answer is "应为文本". */
const TEXT_RULES = new Set(['isLength', 'minLength', 'maxLength', 'matches', 'isNotEmpty']);

function placeOf(parent: Place, property: string, target: unknown): Place {
  const path = parent.path ? `${parent.path}.${property}` : property;
  if (Array.isArray(target) && INDEX.test(property)) {
    return { path, label: `${parent.label}第 ${Number(property) + 1} 行` };
  }
  const own = fieldTitle(target, property) ?? property;
  return { path, label: parent.label ? `${parent.label}的${own}` : own };
}

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

function ruleMetadata(target: unknown, property: string, rule: string): Metadata | undefined {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === rule || m.type === rule));
}

/** The Chinese and English message of one broken rule, from its metadata (custom message, constraints). */
function describe(place: Place, rule: string, e: ValidationError): FieldProblem {
  if (rule === 'whitelistValidation') {
    return { field: place.path, label: place.path, rule, message: `不支持的字段 ${place.path}`, messageEn: `property ${place.path} is not allowed` };
  }
  if (rule === 'unknownValue' || (rule === 'isObject' && (place.path === 'body' || place.path === 'query'))) {
    return { field: place.path, label: '请求内容', rule, message: '请求内容应为 JSON 对象', messageEn: 'the request body must be a JSON object' };
  }
  if (e.value === undefined || e.value === null) {
    return { field: place.path, label: place.label, rule: 'isDefined', message: `${place.label}${REQUIRED.zh([])}`, messageEn: `${place.path} ${REQUIRED.en([])}` };
  }
  // a length or a pattern says nothing useful about an array or a number: say it should be text
  if (typeof e.value !== 'string' && TEXT_RULES.has(rule)) rule = 'isString';
  const meta = ruleMetadata(e.target, e.property, rule);
  const constraints = (meta?.constraints ?? []) as unknown[];
  const phrase = RULE_PHRASES[rule] ?? FALLBACK;
  let zh = phrase.zh(constraints);
  // ValidateNested stores class-validator's English as if it were the decorator's own message
  if (meta?.message && meta.type !== 'nestedValidation') {
    zh = typeof meta.message === 'function'
      ? meta.message({ property: e.property, value: e.value, constraints, targetName: String(meta.target), object: e.target as object })
      : meta.message;
  }
  const each = meta?.each ? ['中的每一项', ' (each item)'] : ['', ''];
  return { field: place.path, label: place.label, rule, message: `${place.label}${each[0]}${zh}`, messageEn: `${place.path}${each[1]} ${phrase.en(constraints)}` };
}

export function fieldProblems(errors: ValidationError[], parent: Place = { path: '', label: '' }): FieldProblem[] {
  return errors.flatMap((e) => {
    const place = placeOf(parent, e.property, e.target);
    const own = Object.keys(e.constraints ?? {}).map((rule) => describe(place, rule, e));
    return [...own, ...fieldProblems(e.children ?? [], place)];
  });
}

/** NUL cannot be stored in PostgreSQL text, and a lone surrogate is not text at all (jsonb refuses it). */
export function isValidText(s: string): boolean {
  return !s.includes('\0') && (s as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Every string of a validated value, keys included, with the place it was found at. */
function findInvalidText(root: unknown, top: Place): Place | null {
  const stack: [unknown, Place][] = [[root, top]];
  while (stack.length > 0) {
    const [value, place] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isValidText(value)) return place;
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date)) {
      for (const [key, child] of Object.entries(value)) {
        if (!isValidText(key)) return { path: place.path, label: place.label || '请求内容' };
        stack.push([child, placeOf(place, key, value)]);
      }
    }
  }
  return null;
}

export function validationError(problems: FieldProblem[]): CommonError {
  const amount = problems.find((p) => p.rule === 'isAmount');
  const first = amount ?? problems[0];
  const message = !first ? '请求参数不正确' : problems.length > 1 ? `${first.message}（共 ${problems.length} 处问题）` : first.message;
  return new CommonError(amount ? 'AMOUNT_INVALID' : 'VALIDATION_FAILED', message, { errors: problems });
}

/**
 * DTO validation for the whole API: unknown fields are refused; every problem is listed in `details.errors`
 * with the field's path, its Chinese name, the rule, a Chinese message and the English one; a bad amount
 * anywhere makes the code AMOUNT_INVALID so clients can tell it from other input errors. Text that
 * PostgreSQL cannot store (NUL, lone surrogates) is refused here, wherever it is, before any service sees it.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      // the pipe needs the objects the errors were found in to name the fields (they are never sent)
      validationError: { target: true, value: true },
      exceptionFactory: (errors) => validationError(fieldProblems(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    const isDto = typeof metadata.metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metadata.metatype as never);
    if (isDto && metadata.type === 'body' && value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      throw validationError([{ field: 'body', label: '请求内容', rule: 'isObject', message: '请求内容应为 JSON 对象', messageEn: 'the request body must be a JSON object' }]);
    }
    const result: unknown = await super.transform(value, metadata);
    const bad = findInvalidText(result, { path: metadata.data ?? '', label: '' });
    if (bad) {
      const phrase = RULE_PHRASES.validText;
      const label = bad.label || '请求内容';
      throw validationError([
        { field: bad.path || metadata.type, label, rule: 'validText', message: `${label}${phrase.zh([])}`, messageEn: `${bad.path || metadata.type} ${phrase.en([])}` },
      ]);
    }
    return result;
  }
}

export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe();
}
