/**
 * What each validation rule says when it fails, in Chinese for the clerk and in English for integrators.
 * The Chinese phrase follows the field's Chinese name (its `title`, see field-label.ts): "摘要" + "不能为空…".
 * A rule that is not here needs a Chinese `message` on its decorator, phrased the same way (a test walks
 * every DTO and fails otherwise).
 */
export interface RulePhrase {
  zh: (c: readonly unknown[]) => string;
  en: (c: readonly unknown[]) => string;
}

const list = (values: unknown) => (Array.isArray(values) ? values.map(String).join('、') : String(values));
const listEn = (values: unknown) => (Array.isArray(values) ? values.map(String).join(', ') : String(values));

export const RULE_PHRASES: Record<string, RulePhrase> = {
  isDefined: { zh: () => '不能为空', en: () => 'is required' },
  isString: { zh: () => '应为文本', en: () => 'must be a string' },
  isLength: {
    zh: ([min, max]) => (Number(min) <= 1 ? `不能为空，最长 ${String(max)} 个字符` : `长度应为 ${String(min)}–${String(max)} 个字符`),
    en: ([min, max]) => `must be ${String(min)} to ${String(max)} characters long`,
  },
  minLength: { zh: ([min]) => `至少 ${String(min)} 个字符`, en: ([min]) => `must be at least ${String(min)} characters long` },
  maxLength: { zh: ([max]) => `最长 ${String(max)} 个字符`, en: ([max]) => `must be at most ${String(max)} characters long` },
  isNotEmpty: { zh: () => '不能为空', en: () => 'must not be empty' },
  matches: { zh: () => '格式不正确', en: ([pattern]) => `must match ${String(pattern)}` },
  isIn: { zh: ([values]) => `应为以下之一：${list(values)}`, en: ([values]) => `must be one of: ${listEn(values)}` },
  isEnum: { zh: ([, values]) => `应为以下之一：${list(values)}`, en: ([, values]) => `must be one of: ${listEn(values)}` },
  isUuid: { zh: () => '应为 UUID 格式的编号', en: () => 'must be a UUID' },
  isInt: { zh: () => '应为整数', en: () => 'must be an integer' },
  isNumber: { zh: () => '应为数字', en: () => 'must be a number' },
  min: { zh: ([n]) => `不能小于 ${String(n)}`, en: ([n]) => `must not be less than ${String(n)}` },
  max: { zh: ([n]) => `不能大于 ${String(n)}`, en: ([n]) => `must not be greater than ${String(n)}` },
  isBoolean: { zh: () => '应为 true 或 false', en: () => 'must be a boolean' },
  isArray: { zh: () => '应为列表（数组）', en: () => 'must be an array' },
  arrayMinSize: {
    zh: ([n]) => (Number(n) === 1 ? '至少填写一项' : `至少填写 ${String(n)} 项`),
    en: ([n]) => `must contain at least ${String(n)} elements`,
  },
  arrayMaxSize: { zh: ([n]) => `最多 ${String(n)} 项`, en: ([n]) => `must contain at most ${String(n)} elements` },
  nestedValidation: { zh: () => '应为对象', en: () => 'must be an object' },
  isObject: { zh: () => '应为对象', en: () => 'must be an object' },
  isIso8601: { zh: () => '应为 ISO 8601 时间，如 2026-03-01T08:00:00+08:00', en: () => 'must be an ISO 8601 date-time' },
  isAmount: {
    zh: () => '格式不正确：应为最多两位小数的字符串，如 "1234.50"',
    en: () => 'must be a decimal string with at most 12 integer digits and 2 decimals, e.g. "1234.50"',
  },
  isCalendarDate: {
    zh: () => '应为有效日期，格式 YYYY-MM-DD（1900–2199 年）',
    en: () => 'must be a real calendar date YYYY-MM-DD between 1900 and 2199',
  },
  isPeriod: { zh: () => '应为会计期间，格式 YYYY-MM，如 2026-03', en: () => 'must be a period YYYY-MM between 1900-01 and 2199-12' },
  isAccountCode: {
    zh: () => '应为科目编码：一级科目 3 位数字，每下一级加 2 位，如 50105',
    en: () => 'must be an account code: 3 digits, then 2 more per level (e.g. 50105)',
  },
  validText: {
    zh: () => '含有无法保存的字符（空字符或不成对的代理字符），请重新输入',
    en: () => 'contains a NUL character or a lone UTF-16 surrogate',
  },
};

/** Said when a value is missing or null where the field cannot be: the same for every rule. */
export const REQUIRED: RulePhrase = { zh: () => '不能为空', en: () => 'is required' };

/** A rule nobody taught us, without a message of its own: still Chinese, never class-validator's English. */
export const FALLBACK: RulePhrase = { zh: () => '的值不正确', en: () => 'is invalid' };

/** Chinese text (at least one CJK ideograph). */
export const HAS_CHINESE = /[\u3400-\u9fff]/;

/** Two English words in a row: how every class-validator default message reads ("must be", "should not"). */
export const ENGLISH_PHRASE = /[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/;
