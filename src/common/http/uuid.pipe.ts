import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '../errors/common.errors';

/** A malformed id in a path names nothing: answered like any other unknown resource, 404. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => notFound('资源') });
