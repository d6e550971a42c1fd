import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PageResponse } from './api-schemas.dto';
import { ApiErrorCode } from './error-catalog';

export const API_ERRORS = 'union-ledger:api-errors';
export const API_EXAMPLES = 'union-ledger:api-examples';

/**
 * The error codes this route answers with beyond those every route of its kind gives (401/403 for a route
 * that needs a login, 404 for ids in the path, 400 for a body or query; see openapi.document.ts). Each code
 * lands under its HTTP status in the OpenAPI document, so a generated client knows what to expect.
 */
export function ApiErrors(...codes: ApiErrorCode[]): MethodDecorator {
  return SetMetadata(API_ERRORS, codes);
}

export interface RequestExample<T> {
  type: Type<T>;
  name: string;
  value: T;
}

/** Every request example declared, for the test that runs each through the validation pipe. */
export const REQUEST_EXAMPLES: RequestExample<unknown>[] = [];

/**
 * Request body examples, named (the name shows in Swagger UI's example list). Typed by the DTO, checked by
 * the validation pipe in a test: an example always is a request the API accepts.
 */
export function ApiExamples<T>(type: Type<T>, examples: Record<string, T>): MethodDecorator {
  for (const [name, value] of Object.entries(examples)) REQUEST_EXAMPLES.push({ type, name, value } as RequestExample<unknown>);
  return SetMetadata(API_EXAMPLES, examples);
}

/** A paged list: `{ items: T[], page, pageSize, total }` (the generic Page schema, its items typed). */
export function ApiPageResponse(item: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(PageResponse, item),
    ApiOkResponse({
      description: description ?? '分页列表',
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageResponse) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

/** A file download: its media types, as binary. */
export function ApiFileResponse(mediaTypes: string[], description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiResponse({ status: 200, description, schema: { type: 'string', format: 'binary' } }),
  );
}

export interface PipeDoc {
  schema: SchemaObject;
  /** What the pipe answers when the value does not fit. */
  error: ApiErrorCode;
}

const PIPE_DOCS = new WeakMap<object, PipeDoc>();

/**
 * Declares what a path-parameter pipe accepts and how it refuses, so every path parameter it guards is
 * documented by it (a UUID pipe makes `format: uuid` and a 404). Pipes may be instances or classes.
 */
export function documentedPipe<P extends object>(pipe: P, schema: SchemaObject, error: ApiErrorCode): P {
  PIPE_DOCS.set(pipe, { schema, error });
  return pipe;
}

export function pipeDoc(pipe: unknown): PipeDoc | undefined {
  return typeof pipe === 'object' || typeof pipe === 'function' ? PIPE_DOCS.get(pipe as object) : undefined;
}
