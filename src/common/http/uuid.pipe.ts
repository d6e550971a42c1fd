import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';

/** A malformed id in a path names nothing: answered like any other unknown resource, 404. */
export const UuidParam = documentedPipe(new ParseUUIDPipe({ exceptionFactory: () => notFound('资源') }), { type: 'string', format: 'uuid' }, 'NOT_FOUND');
