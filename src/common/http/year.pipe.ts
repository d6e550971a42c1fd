import { Injectable, PipeTransform } from '@nestjs/common';
import { CommonError } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';

/** A fiscal year in a path: four digits, 1900–2199, as a number. */
@Injectable()
export class YearParam implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^(19|20|21)\d{2}$/.test(value)) throw new CommonError('VALIDATION_FAILED', `会计年度格式应为 YYYY（收到 ${value}）`);
    return Number(value);
  }
}

documentedPipe(YearParam, { type: 'string', pattern: '^(19|20|21)\\d{2}$', example: '2026', description: '会计年度 YYYY' }, 'VALIDATION_FAILED');
