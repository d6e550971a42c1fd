import { Injectable, PipeTransform } from '@nestjs/common';
import { CommonError } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';
import { PERIOD_PATTERN } from '../period';

@Injectable()
export class PeriodParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PERIOD_PATTERN.test(value)) {
      throw new CommonError('VALIDATION_FAILED', `会计期间格式应为 YYYY-MM（收到 ${value}）`);
    }
    return value;
  }
}

documentedPipe(PeriodParam, { type: 'string', pattern: PERIOD_PATTERN.source, example: '2026-03', description: '会计期间 YYYY-MM' }, 'VALIDATION_FAILED');
