import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';

type DtoClass = () => new () => object;

/**
 * A nested DTO: the value must be an object (not missing, null, an array or a string) and valid as `dto`.
 * @ValidateNested alone lets a missing value and an array through. Add @IsOptional() for an optional one.
 */
export function Nested(dto: DtoClass): PropertyDecorator {
  return (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(dto)(target, key);
  };
}

/**
 * A list of nested DTOs, each an object (a nested array `[[…]]` or a string is refused, not validated as an
 * empty DTO), at most `max` of them: class-validator spends microseconds per item, synchronously.
 */
export function NestedList(dto: DtoClass, opts: { min?: number; max: number }): PropertyDecorator {
  return (target, key) => {
    IsArray()(target, key);
    if (opts.min !== undefined) ArrayMinSize(opts.min)(target, key);
    ArrayMaxSize(opts.max)(target, key);
    IsObject({ each: true })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(dto)(target, key);
  };
}
