import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: for fields that cannot be emptied (a name, a flag). @IsOptional()
 * lets null through as "not given", which a PATCH would then write.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
