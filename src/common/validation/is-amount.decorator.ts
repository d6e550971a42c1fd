import { ValidationOptions, registerDecorator } from 'class-validator';
import { AMOUNT_PATTERN } from '../money/amount';

export const IS_AMOUNT = 'isAmount';

/**
 * An amount on the wire: a JSON string of at most 12 integer digits and 2 decimals. JSON numbers, "1e3",
 * "12.345", "" and "NaN" fail. Sign rules (negative only on red-ink vouchers) belong to the domain. Its
 * message is in rule-messages.ts (`isAmount`).
 */
export function IsAmount(options?: ValidationOptions & { allowNegative?: boolean }): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: IS_AMOUNT,
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          AMOUNT_PATTERN.test(value) &&
          (options?.allowNegative !== false || !value.startsWith('-')),
      },
    });
}
