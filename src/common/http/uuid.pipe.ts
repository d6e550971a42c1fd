import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/common.errors';

/** Any UUID (our ids are v7, but ids given by clients or older data need not be). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id in a path names nothing: answered like any other unknown resource, 404. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => notFound('资源') });
