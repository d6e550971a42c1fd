import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { ACCOUNT_CODE_PATTERN, FundTypes } from '../../domain/account-rules';
import { VoucherTypes } from '../../domain/voucher-type';

export const MAX_VOUCHER_LINES = 500;
export const PROJECT_CODE_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;

export class VoucherLineDto {
  @ApiProperty({ example: '收到一季度拨缴经费', description: '摘要' })
  @IsString() @Length(1, 200, { message: '摘要不能为空，最长 200 字' })
  summary: string;

  @ApiProperty({ example: '10201', description: '末级科目编码' })
  @IsString() @Matches(ACCOUNT_CODE_PATTERN, { message: '科目编码格式不正确' })
  account: string;

  @ApiPropertyOptional({ example: '1500.00', description: '借方金额（与贷方二选一），红字凭证为负数' })
  @IsOptional() @IsAmount()
  debit?: string;

  @ApiPropertyOptional({ example: '1500.00', description: '贷方金额（与借方二选一），红字凭证为负数' })
  @IsOptional() @IsAmount()
  credit?: string;

  @ApiPropertyOptional({ example: 'P2026-01', description: '项目编码' })
  @IsOptional() @Matches(PROJECT_CODE_PATTERN, { message: '项目编码格式不正确' })
  project?: string;

  @ApiPropertyOptional({ enum: FundTypes, description: '收入、支出科目：restricted 专项 / unrestricted 非专项（默认）' })
  @IsOptional() @IsIn(FundTypes)
  fundType?: (typeof FundTypes)[number];
}

export class CreateVoucherDto {
  @ApiProperty({ example: '2026-03-15', description: '凭证日期' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ enum: VoucherTypes, description: '凭证类别；按收/付/转编号的工会可省略，由分录推断' })
  @IsOptional() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional({ default: false, description: '红字凭证（金额为负数）' })
  @IsOptional() @IsBoolean()
  red?: boolean;

  @ApiPropertyOptional({ default: 0, description: '附单据张数' })
  @IsOptional() @IsInt() @Min(0) @Max(9999)
  attachmentCount?: number;

  @ApiProperty({ type: [VoucherLineDto] })
  @IsArray() @ArrayMaxSize(MAX_VOUCHER_LINES) @ValidateNested({ each: true }) @Type(() => VoucherLineDto)
  lines: VoucherLineDto[];

  @ApiPropertyOptional({ default: false, description: '以前年度调整：只能记入 32101/32201 年初余额调整等科目，不通过收入、支出科目' })
  @IsOptional() @IsBoolean()
  priorYearCorrection?: boolean;

  @ApiPropertyOptional({ default: false, description: '不可用：制单人不能过账自己编制的凭证（SOD_SELF_REVIEW）。过账请由另一人调用 POST …/vouchers/:id/post' })
  @IsOptional() @IsBoolean()
  post?: boolean;
}

export class UpdateVoucherDto {
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ enum: VoucherTypes }) @IsOptional() @IsIn(VoucherTypes)
  type?: (typeof VoucherTypes)[number];

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  red?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(9999)
  attachmentCount?: number;

  @ApiPropertyOptional({ description: '以前年度调整' }) @IsOptional() @IsBoolean()
  priorYearCorrection?: boolean;

  @ApiPropertyOptional({ type: [VoucherLineDto], description: '提供时整体替换分录' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_VOUCHER_LINES) @ValidateNested({ each: true }) @Type(() => VoucherLineDto)
  lines?: VoucherLineDto[];
}

export class ReverseVoucherDto {
  @ApiPropertyOptional({ example: '2026-04-02', description: '冲销凭证日期，默认今天；须在未结账期间且不早于原凭证' })
  @IsOptional() @IsCalendarDate()
  date?: string;
}
