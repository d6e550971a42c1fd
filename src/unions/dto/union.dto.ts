import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';
import { ChartTemplates, UnionStatuses } from '../union.entity';
import { CODE_FORMAT, IsPeriod } from '../../common/validation/formats.decorator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsOptionalNotNull } from '../../common/validation/optional.decorator';

export class CreateUnionDto {
  @ApiProperty({ title: '核算中心', format: 'uuid' })
  @IsUUID()
  centerId: string;

  @ApiProperty({ title: '工会编码', example: '91330100MA2XXXXX0X', description: '统一社会信用代码或组织机构代码，在中心内唯一' })
  @IsString() @Matches(/^[0-9A-Za-z-]{1,32}$/, { message: CODE_FORMAT })
  code: string;

  @ApiProperty({ title: '工会名称', example: '某某有限公司工会委员会' })
  @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ title: '科目表', enum: ChartTemplates, description: 'grassroots 基层工会科目表；county 县级以上工会科目表' })
  @IsIn(ChartTemplates)
  chartTemplate: (typeof ChartTemplates)[number];

  @ApiProperty({ title: '启用期间', example: '2026-01', description: '启用期间 (YYYY-MM)' })
  @IsPeriod()
  firstPeriod: string;

  @ApiPropertyOptional({ title: '凭证编号方式', enum: ['general', 'typed'], description: 'general 记字一种编号（默认）；typed 收/付/转分别编号' })
  @IsOptional() @IsIn(['general', 'typed'])
  voucherNumbering?: 'general' | 'typed';

  @ApiPropertyOptional({ title: '委托代管协议编号', description: '委托代管协议编号' })
  @IsOptional() @IsString() @Length(1, 64)
  agreementNumber?: string;

  @ApiPropertyOptional({ title: '协议签订日期', example: '2025-12-20', description: '委托代管协议签订日期' })
  @IsOptional() @IsCalendarDate()
  agreementDate?: string;

  @ApiPropertyOptional({ title: '统一账户', format: 'uuid', description: '本工会资金存放的中心统一账户；不填则为中心的默认统一账户' })
  @IsOptional() @IsUUID()
  bankAccountId?: string;
}

export class UpdateUnionDto {
  @ApiPropertyOptional({ title: '工会名称' }) @IsOptionalNotNull() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ title: '委托代管协议编号' }) @IsOptional() @IsString() @Length(1, 64)
  agreementNumber?: string;

  @ApiPropertyOptional({ title: '协议签订日期' }) @IsOptional() @IsCalendarDate()
  agreementDate?: string;

  @ApiPropertyOptional({ title: '凭证编号方式', enum: ['general', 'typed'], description: '只能在首张凭证过账前修改' })
  @IsOptionalNotNull() @IsIn(['general', 'typed'])
  voucherNumbering?: 'general' | 'typed';
}

export class ListUnionsQuery extends PageQuery {
  @ApiPropertyOptional({ title: '核算中心', format: 'uuid' }) @IsOptional() @IsUUID()
  centerId?: string;

  @ApiPropertyOptional({ title: '状态', enum: UnionStatuses }) @IsOptional() @IsIn(UnionStatuses)
  status?: (typeof UnionStatuses)[number];

  @ApiPropertyOptional({ title: '关键字', description: '按名称或编码查找' }) @IsOptional() @IsString() @Length(1, 100)
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
