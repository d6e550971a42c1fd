import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { RULE_PRESETS } from '../domain/rule-presets';
import { RuleSetBodyResponse } from './claim-settings-response.dto';
import { BANK_ACCOUNT_FORMAT } from '../../common/validation/formats.decorator';

export class ClaimSettingsDto {
  @ApiProperty({ title: '集体研究金额标准', example: '5000.00', description: '超过此金额的报销须有集体研究记录' })
  @IsAmount({ allowNegative: false })
  committeeThreshold: string;

  @ApiProperty({ title: '现金支付限额', example: '1000.00', description: '现金支付限额（结算起点）' })
  @IsAmount({ allowNegative: false })
  cashLimit: string;

  @ApiProperty({ title: '允许超限额现金支付', example: false, description: '是否允许超过限额的现金支付' })
  @IsBoolean()
  allowCashAboveLimit: boolean;

  @ApiPropertyOptional({ title: '统一账户开户行', example: '中国工商银行某某支行', description: '统一账户开户行' })
  @IsOptional() @IsString() @Length(1, 100)
  pooledBankName?: string;

  @ApiPropertyOptional({ title: '统一账户户名', example: '某某市总工会经费集中核算户', description: '统一账户户名' })
  @IsOptional() @IsString() @Length(1, 100)
  pooledAccountName?: string;

  @ApiPropertyOptional({ title: '统一账户账号', example: '1202020209000012345', description: '统一账户账号' })
  @IsOptional() @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: BANK_ACCOUNT_FORMAT })
  pooledAccountNo?: string;
}

export class CreateRuleSetDto {
  @ApiProperty({ title: '规则集名称', example: '2027年度报销审核规则' })
  @IsString() @Length(1, 100)
  name: string;

  @ApiProperty({ title: '生效日期', example: '2027-01-01', description: '生效日期：业务发生日期在此之后（含）的报销适用本规则集' })
  @IsCalendarDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ title: '预置规则', enum: RULE_PRESETS.map((p) => p.id), description: '以预置规则为准（与 rules 二选一）' })
  @IsOptional() @IsIn(RULE_PRESETS.map((p) => p.id))
  preset?: string;

  @ApiPropertyOptional({ title: '规则内容', type: RuleSetBodyResponse, description: '自定义规则内容（见 docs/claims.md）' })
  @IsOptional() @IsObject()
  rules?: Record<string, unknown>;
}
