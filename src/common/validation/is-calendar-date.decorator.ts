import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '../period';

/** A real date in YYYY-MM-DD form (2026-02-30 fails). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: (a) => `${a.property} 应为有效日期，格式 YYYY-MM-DD（收到 ${JSON.stringify(a.value)}）`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}
