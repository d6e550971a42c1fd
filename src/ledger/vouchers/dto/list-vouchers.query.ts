import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { VoucherTypes } from '../../domain/voucher-type';
import { IsAccountCode, IsPeriod } from '../../../common/validation/formats.decorator';

export class ListVouchersQuery extends PageQuery {
  @ApiPropertyOptional({ title: '会计期间', example: '2026-03', description: '会计期间（等同 from=to=period）' })
  @IsOptional() @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ title: '起始期间', example: '2026-01' })
  @IsOptional() @IsPeriod()
  from?: string;

  @ApiPropertyOptional({ title: '截止期间', example: '2026-12' })
  @IsOptional() @IsPeriod()
  to?: string;

  @ApiPropertyOptional({ title: '状态', enum: ['draft', 'posted'] })
  @IsOptional() @IsIn(['draft', 'posted'])
  status?: 'draft' | 'posted';

  @ApiPropertyOptional({ title: '凭证类别', enum: VoucherTypes })
  @IsOptional() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional({ title: '凭证号', example: '12', description: '凭证号：数字，或完整编号如 记-202603-0012' })
  @IsOptional() @Matches(/^(\d{1,9}|[记收付转]-\d{6}-\d{1,9})$/, { message: '应为数字或完整的凭证编号，如 记-202603-0012' })
  number?: string;

  @ApiPropertyOptional({ title: '科目', example: '102', description: '含该科目（及其下级）分录的凭证' })
  @IsOptional() @IsAccountCode()
  account?: string;

  @ApiPropertyOptional({ title: '摘要关键字', description: '摘要包含的文字' })
  @IsOptional() @IsString() @Length(1, 100)
  text?: string;
}
