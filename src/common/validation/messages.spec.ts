import 'reflect-metadata';
import { getMetadataStorage, ValidationError } from 'class-validator';
// every controller, hence every DTO the API validates, registers its rules on import
import { AppModule } from '../../app.module';
import { AppEnv } from '../../config/app.config';
import { fieldTitle } from './field-label';
import { ENGLISH_PHRASE, HAS_CHINESE, RULE_PHRASES } from './rule-messages';
import { fieldProblems } from './validation.pipe';

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** Rule types that never produce a message of their own. */
const SILENT = new Set(['conditionalValidation', 'whitelistValidation', 'isDefined']);
// operators read the environment's messages, in English, at start-up; they are not the API's
const NOT_API = new Set<unknown>([AppEnv]);


function allRules(): Metadata[] {
  void AppModule;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, Metadata[]> };
  return [...storage.validationMetadatas.entries()].filter(([target]) => !NOT_API.has(target)).flatMap(([, list]) => list);
}

function nameOf(m: Metadata): string {
  return typeof m.target === 'function' ? m.target.name || '(anonymous DTO)' : String(m.target);
}

/** What the validation pipe answers when this one rule fails on a present value. */
function answer(m: Metadata) {
  const cls = m.target as new () => object;
  const rule = m.name ?? m.type;
  const error = Object.assign(new ValidationError(), {
    target: Object.create(cls.prototype) as object,
    property: m.propertyName,
    value: '?', // present: a missing value has one answer for every rule ("…不能为空")
    constraints: { [rule]: 'English default' },
    children: [],
  });
  return { rule, problem: fieldProblems([error])[0] };
}

/**
 * Every rule of every DTO answers in Chinese, starting with the field's Chinese name. When this fails, its
 * message says exactly what to add to the DTO.
 */
describe('validation messages', () => {
  const rules = allRules();

  it('finds the DTOs of the API', () => {
    const classes = new Set(rules.map(nameOf));
    expect(classes.size).toBeGreaterThan(30);
    expect(classes).toContain('CreateVoucherDto');
    expect(classes).toContain('CreateClaimDto');
  });

  it('gives every validated field a Chinese name (its @ApiProperty title)', () => {
    const missing = new Set<string>();
    for (const m of rules.filter((r) => !SILENT.has(r.type))) {
      const title = fieldTitle((m.target as new () => object).prototype, m.propertyName);
      if (!title || !HAS_CHINESE.test(title)) {
        missing.add(`${nameOf(m)}.${m.propertyName}: add title: '<中文名>' to its @ApiProperty/@ApiPropertyOptional, e.g. @ApiProperty({ title: '摘要', … })`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('answers every rule in Chinese, never in English, without repeating the field name', () => {
    const problems = new Set<string>();
    for (const m of rules.filter((r) => !SILENT.has(r.type))) {
      const { rule, problem } = answer(m);
      const where = `${nameOf(m)}.${m.propertyName} (${rule})`;
      const known = rule in RULE_PHRASES || m.type === 'nestedValidation';
      if (!known && (!m.message || m.type === 'nestedValidation')) {
        problems.add(
          `${where}: no Chinese message. Give the decorator one that follows the field's Chinese name, e.g. { message: '格式不正确：应为…' }, ` +
            `or add '${rule}' to RULE_PHRASES in src/common/validation/rule-messages.ts`,
        );
        continue;
      }
      const own = problem.message.slice(problem.label.length);
      if (!HAS_CHINESE.test(own) || ENGLISH_PHRASE.test(own)) {
        problems.add(`${where}: answers "${problem.message}", not Chinese. Write its message in Chinese (after the field name), e.g. { message: '格式不正确' }`);
      }
      if (new RegExp(`\\b${m.propertyName}\\b`).test(own)) {
        problems.add(`${where}: its message "${own}" names the field in English; the pipe puts the Chinese name (title) first, leave it out`);
      }
      if (problem.label && own.startsWith(problem.label)) {
        problems.add(`${where}: its message "${own}" repeats the field name; the pipe puts it first already, leave it out`);
      }
    }
    expect([...problems]).toEqual([]);
  });

  it('checks the shape of every nested DTO, so a nested array or a missing object never reaches a service', () => {
    const problems: string[] = [];
    for (const m of rules.filter((r) => r.type === 'nestedValidation')) {
      const objectRule = rules.find((r) => r.target === m.target && r.propertyName === m.propertyName && r.name === 'isObject' && !!r.each === !!m.each);
      if (!objectRule) {
        problems.push(`${nameOf(m)}.${m.propertyName}: use ${m.each ? '@NestedList(() => ItemDto, { max })' : '@Nested(() => ItemDto)'} from src/common/validation/nested.decorator.ts instead of @ValidateNested`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has an English phrase for integrators beside every Chinese one', () => {
    for (const [rule, phrase] of Object.entries(RULE_PHRASES)) {
      expect([rule, HAS_CHINESE.test(phrase.zh([1, 2])), HAS_CHINESE.test(phrase.en([1, 2]))]).toEqual([rule, true, false]);
    }
  });
});
