import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../errors/common.errors';

/** Account codes in paths are digits only; anything else names no account. */
@Injectable()
export class AccountCodeParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{3}(\d{2}){0,3}$/.test(value)) throw notFound('科目', { code: value });
    return value;
  }
}
