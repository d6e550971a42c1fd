import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../../common/errors/common.errors';
import { documentedPipe } from '../../common/openapi/api-docs.decorators';
import { PROJECT_CODE_PATTERN } from '../vouchers/dto/voucher.dto';

/** Project codes in paths: a code that cannot exist names no project. */
@Injectable()
export class ProjectCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROJECT_CODE_PATTERN.test(value)) throw notFound('项目', { code: value });
    return value;
  }
}

documentedPipe(ProjectCodeParam, { type: 'string', pattern: PROJECT_CODE_PATTERN.source, example: 'P2026-01', description: '项目编码' }, 'NOT_FOUND');
