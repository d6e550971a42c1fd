import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { FundTypes } from '../../domain/account-rules';
import { VoucherTypes } from '../../domain/voucher-type';
import { IsAccountCode } from '../../../common/validation/formats.decorator';
import { IsOptionalNotNull } from '../../../common/validation/optional.decorator';
import { NestedList } from '../../../common/validation/nested.decorator';

export const MAX_VOUCHER_LINES = 500;
export const PROJECT_CODE_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;
export const PROJECT_CODE_FORMAT = '只能包含字母、数字、下划线和连字符，最长 32 位';

export class VoucherLineDto {
  @ApiProperty({ title: '摘要', example: '收到一季度拨缴经费', description: '摘要' })
  @IsString() @Length(1, 200)
  summary: string;

  @ApiProperty({ title: '科目', example: '10201', description: '末级科目编码' })
  @IsAccountCode()
  account: string;

  @ApiPropertyOptional({ title: '借方金额', example: '1500.00', description: '借方金额（与贷方二选一），红字凭证为负数' })
  @IsOptional() @IsAmount()
  debit?: string;

  @ApiPropertyOptional({ title: '贷方金额', example: '1500.00', description: '贷方金额（与借方二选一），红字凭证为负数' })
  @IsOptional() @IsAmount()
  credit?: string;

  @ApiPropertyOptional({ title: '项目', example: 'P2026-01', description: '项目编码' })
  @IsOptional() @Matches(PROJECT_CODE_PATTERN, { message: PROJECT_CODE_FORMAT })
  project?: string;

  @ApiPropertyOptional({ title: '资金性质', enum: FundTypes, description: '收入、支出科目：restricted 专项 / unrestricted 非专项（默认）' })
  @IsOptional() @IsIn(FundTypes)
  fundType?: (typeof FundTypes)[number];
}

export class CreateVoucherDto {
  @ApiProperty({ title: '凭证日期', example: '2026-03-15', description: '凭证日期' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ title: '凭证类别', enum: VoucherTypes, description: '凭证类别；按收/付/转编号的工会可省略，由分录推断' })
  @IsOptional() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional({ title: '红字', description: '红字凭证（金额为负数），默认 false' })
  @IsOptional() @IsBoolean()
  red?: boolean;

  @ApiPropertyOptional({ title: '附单据张数', type: 'integer', minimum: 0, maximum: 9999, description: '附单据张数，默认 0' })
  @IsOptional() @IsInt() @Min(0) @Max(9999)
  attachmentCount?: number;

  @ApiProperty({ title: '分录', type: [VoucherLineDto] })
  @NestedList(() => VoucherLineDto, { max: MAX_VOUCHER_LINES })
  lines: VoucherLineDto[];

  @ApiPropertyOptional({ title: '直接过账', description: '不可用：制单人不能过账自己编制的凭证（SOD_SELF_REVIEW）。过账请由另一人调用 POST …/vouchers/:id/post' })
  @IsOptional() @IsBoolean()
  post?: boolean;
}

export class UpdateVoucherDto {
  @ApiPropertyOptional({ title: '凭证日期' }) @IsOptionalNotNull() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ title: '凭证类别', enum: VoucherTypes }) @IsOptionalNotNull() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional({ title: '红字' }) @IsOptionalNotNull() @IsBoolean()
  red?: boolean;

  @ApiPropertyOptional({ title: '附单据张数' }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(9999)
  attachmentCount?: number;

  @ApiPropertyOptional({ title: '分录', type: [VoucherLineDto], description: '提供时整体替换分录' })
  @IsOptionalNotNull() @NestedList(() => VoucherLineDto, { max: MAX_VOUCHER_LINES })
  lines?: VoucherLineDto[];
}

export class ReverseVoucherDto {
  @ApiPropertyOptional({ title: '冲销日期', example: '2026-04-02', description: '冲销凭证日期，默认今天；须在未结账期间且不早于原凭证' })
  @IsOptional() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ title: '一人冲销', description: '默认 false。由本人当即过账（仅当中心核算设置允许一人冲销；凭证上注明“一人冲销”）。默认生成冲销凭证草稿，由另一人审核过账' })
  @IsOptional() @IsBoolean()
  post?: boolean;
}

export const CREATE_VOUCHER_EXAMPLES: Record<string, CreateVoucherDto> = {
  收到拨缴经费: {
    date: '2026-03-15',
    attachmentCount: 1,
    lines: [
      { summary: '收到一季度拨缴经费', account: '10201', debit: '15000.00' },
      { summary: '收到一季度拨缴经费', account: '402', credit: '15000.00' },
    ],
  },
  支付职工书屋购书款: {
    date: '2026-03-20',
    attachmentCount: 2,
    lines: [
      { summary: '购买职工书屋图书', account: '50304', debit: '3200.00', fundType: 'unrestricted' },
      { summary: '购买职工书屋图书', account: '10201', credit: '3200.00' },
    ],
  },
};
