/** Where @nestjs/swagger keeps a property's @ApiProperty options (DECORATORS.API_MODEL_PROPERTIES, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * The Chinese name of a DTO property is its OpenAPI `title`, written once, in its @ApiProperty:
 *
 *   @ApiProperty({ title: '摘要', example: '收到一季度拨缴经费' }) @IsString() @Length(1, 200)
 *   summary: string;
 *
 * Validation messages start with it ("摘要不能为空，最长 200 个字符"), and clients read it from the OpenAPI
 * document. PartialType/PickType copy it with the rest of the property's metadata. `owner` is a DTO
 * instance or its prototype; anything else (an array, a plain object) has no titles.
 */
export function fieldTitle(owner: unknown, property: string): string | undefined {
  if (!owner || typeof owner !== 'object' || Array.isArray(owner)) return undefined;
  const prototype: unknown = Object.prototype.hasOwnProperty.call(owner, 'constructor') ? owner : Object.getPrototypeOf(owner);
  if (!prototype || prototype === Object.prototype) return undefined;
  const meta = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype as object, property) as { title?: unknown } | undefined;
  return typeof meta?.title === 'string' ? meta.title : undefined;
}
