import { ValidationOptions, ValidateBy } from 'class-validator';
import { ACCOUNT_CODE_PATTERN } from '../../ledger/domain/account-rules';
import { PERIOD_PATTERN } from '../period';

/** An accounting period "YYYY-MM" (1900–2199). Its message is in rule-messages.ts (`isPeriod`). */
export function IsPeriod(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isPeriod', validator: { validate: (v: unknown) => typeof v === 'string' && PERIOD_PATTERN.test(v) } }, options);
}

/** An account code: 3 digits for level 1, 2 more per level (50105). Message: rule-messages.ts (`isAccountCode`). */
export function IsAccountCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isAccountCode', validator: { validate: (v: unknown) => typeof v === 'string' && ACCOUNT_CODE_PATTERN.test(v) } }, options);
}

/** Messages of @Matches rules shared by several DTOs; each follows the field's Chinese name. */
export const CODE_FORMAT = '只能包含字母、数字和连字符，最长 32 位';
export const BANK_ACCOUNT_FORMAT = '格式不正确：应为 4–40 位字母、数字或连字符';
