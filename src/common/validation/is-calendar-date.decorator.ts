import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '../period';

/** A real date in YYYY-MM-DD form (2026-02-30 fails). Its message is in rule-messages.ts (`isCalendarDate`). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}
