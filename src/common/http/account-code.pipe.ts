import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/common.errors';
import { documentedPipe } from '../openapi/api-docs.decorators';
import { ACCOUNT_CODE_PATTERN } from '../../ledger/domain/account-rules';

/** Account codes in paths are digits only; anything else names no account. */
@Injectable()
export class AccountCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ACCOUNT_CODE_PATTERN.test(value)) throw notFound('科目', { code: value });
    return value;
  }
}

documentedPipe(AccountCodeParam, { type: 'string', pattern: ACCOUNT_CODE_PATTERN.source, example: '10201', description: '科目编码' }, 'NOT_FOUND');
