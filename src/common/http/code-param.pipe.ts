import { PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';

/** A code in a path (an account, a project): one that cannot exist names nothing, so it answers 404. */
export function codeParam(pattern: RegExp, what: string, example: string): PipeTransform<string, string> {
  const pipe: PipeTransform<string, string> = {
    transform(value: string): string {
      if (!pattern.test(value)) throw notFound(what, { code: value });
      return value;
    },
  };
  return documentedPipe(pipe, { type: 'string', pattern: pattern.source, example, description: `${what}编码` }, 'NOT_FOUND');
}
