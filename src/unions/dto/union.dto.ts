import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';
import { PERIOD_PATTERN } from '../../common/period';
import { ChartTemplates, UnionStatuses } from '../union.entity';

export class CreateUnionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  centerId: string;

  @ApiProperty({ example: '91330100MA2XXXXX0X', description: '统一社会信用代码或组织机构代码，在中心内唯一' })
  @IsString() @Matches(/^[0-9A-Za-z-]{1,32}$/, { message: '工会编码只能包含字母、数字和连字符，最长 32 位' })
  code: string;

  @ApiProperty({ example: '某某有限公司工会委员会' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ChartTemplates, description: 'grassroots 基层工会科目表；county 县级以上工会科目表' })
  @IsIn(ChartTemplates)
  chartTemplate: (typeof ChartTemplates)[number];

  @ApiProperty({ example: '2026-01', description: '启用期间 (YYYY-MM)' })
  @Matches(PERIOD_PATTERN, { message: '启用期间格式应为 YYYY-MM' })
  firstPeriod: string;

  @ApiPropertyOptional({ enum: ['general', 'typed'], default: 'general', description: 'general 记字一种编号；typed 收/付/转分别编号' })
  @IsOptional() @IsIn(['general', 'typed'])
  voucherNumbering?: 'general' | 'typed';

  @ApiPropertyOptional({ description: '委托代管协议编号' })
  @IsOptional() @IsString() @Length(1, 64)
  agreementNumber?: string;

  @ApiPropertyOptional({ example: '2025-12-20', description: '委托代管协议签订日期' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '协议日期格式应为 YYYY-MM-DD' })
  agreementDate?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '本工会资金存放的中心统一账户；不填则为中心的默认统一账户' })
  @IsOptional() @IsUUID()
  bankAccountId?: string;
}

export class UpdateUnionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64)
  agreementNumber?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '协议日期格式应为 YYYY-MM-DD' })
  agreementDate?: string;

  @ApiPropertyOptional({ enum: ['general', 'typed'], description: '只能在首张凭证过账前修改' })
  @IsOptional() @IsIn(['general', 'typed'])
  voucherNumbering?: 'general' | 'typed';
}

export class ListUnionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  centerId?: string;

  @ApiPropertyOptional({ enum: UnionStatuses }) @IsOptional() @IsIn(UnionStatuses)
  status?: (typeof UnionStatuses)[number];

  @ApiPropertyOptional({ description: '按名称或编码查找' }) @IsOptional() @IsString() @Length(1, 100)
  q?: string;
}

export class UnionResponse {
  @ApiProperty() id: string;
  @ApiProperty() centerId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ChartTemplates }) chartTemplate: string;
  @ApiProperty({ example: '2026-01' }) firstPeriod: string;
  @ApiProperty({ enum: UnionStatuses }) status: string;
  @ApiProperty({ enum: ['general', 'typed'] }) voucherNumbering: string;
  @ApiProperty({ nullable: true, type: String }) agreementNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) agreementDate: string | null;
  @ApiProperty({ description: '本工会在中心统一账户中的（默认）份额所对应的银行存款明细科目', example: '10201', nullable: true, type: String })
  fundingAccountCode: string | null;
  @ApiProperty() createdAt: string;
}
