import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';

/** Any UUID (our ids are v7, but ids given by clients or older data need not be). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id in a path names nothing: answered like any other unknown resource, 404. */
export const UuidParam = documentedPipe(new ParseUUIDPipe({ exceptionFactory: () => notFound('资源') }), { type: 'string', format: 'uuid' }, 'NOT_FOUND');
