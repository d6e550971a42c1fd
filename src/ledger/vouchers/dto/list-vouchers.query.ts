import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { PERIOD_PATTERN } from '../../../common/period';
import { ACCOUNT_CODE_PATTERN } from '../../domain/account-rules';
import { VoucherTypes } from '../../domain/voucher-type';

export class ListVouchersQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03', description: '会计期间（等同 from=to=period）' })
  @IsOptional() @Matches(PERIOD_PATTERN, { message: 'period 格式应为 YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: '2026-01' })
  @IsOptional() @Matches(PERIOD_PATTERN, { message: 'from 格式应为 YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12' })
  @IsOptional() @Matches(PERIOD_PATTERN, { message: 'to 格式应为 YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: ['draft', 'posted'] })
  @IsOptional() @IsIn(['draft', 'posted'])
  status?: 'draft' | 'posted';

  @ApiPropertyOptional({ enum: VoucherTypes })
  @IsOptional() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional({ example: '12', description: '凭证号：数字，或完整编号如 记-202603-0012' })
  @IsOptional() @Matches(/^(\d{1,9}|[记收付转]-\d{6}-\d{1,9})$/, { message: 'number 应为数字或如 记-202603-0012 的凭证编号' })
  number?: string;

  @ApiPropertyOptional({ example: '102', description: '含该科目（及其下级）分录的凭证' })
  @IsOptional() @Matches(ACCOUNT_CODE_PATTERN, { message: 'account 科目编码格式不正确' })
  account?: string;

  @ApiPropertyOptional({ description: '摘要包含的文字' })
  @IsOptional() @IsString() @Length(1, 100)
  text?: string;
}
