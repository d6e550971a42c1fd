import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsAccountCode } from '../../common/validation/formats.decorator';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsOptionalNotNull } from '../../common/validation/optional.decorator';

export class CreateFixedAssetDto {
  @ApiProperty({ title: '资产名称', example: '笔记本电脑', description: '资产名称' })
  @IsString() @Length(1, 100)
  name: string;

  @ApiProperty({ title: '类别', enum: ['general', 'special'], description: 'general 通用设备 / special 专用设备（第三十二条）' })
  @IsIn(['general', 'special'])
  category: 'general' | 'special';

  @ApiProperty({ title: '原值', example: '7200.00', description: '原值' })
  @IsAmount({ allowNegative: false })
  cost: string;

  @ApiProperty({ title: '使用年限（月）', example: 72, description: '使用年限（月），不低于附录2 折旧年限表' })
  @IsInt() @Min(1) @Max(1200)
  usefulLifeMonths: number;

  @ApiPropertyOptional({ title: '购置凭证', description: '购置凭证（启用后购置的资产）；取得日期为凭证日期' })
  @IsOptional() @IsUUID('all')
  voucherId?: string;

  @ApiPropertyOptional({ title: '取得日期', example: '2019-05-10', description: '启用期间前已有的资产：取得日期' })
  @IsOptional() @IsCalendarDate()
  acquisitionDate?: string;

  @ApiPropertyOptional({ title: '期初累计折旧', example: '3600.00', description: '启用期间前已有的资产：截至启用时的累计折旧' })
  @IsOptional() @IsAmount({ allowNegative: false })
  openingDepreciation?: string;

  @ApiPropertyOptional({ title: '累计折旧科目', example: '163', description: '累计折旧科目（163 设有明细科目时指定末级科目）' })
  @IsOptional() @IsAccountCode()
  depreciationAccount?: string;
}

export class UpdateFixedAssetDto {
  @ApiPropertyOptional({ title: '资产名称' }) @IsOptionalNotNull() @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ title: '类别', enum: ['general', 'special'] }) @IsOptionalNotNull() @IsIn(['general', 'special'])
  category?: 'general' | 'special';

  @ApiPropertyOptional({ title: '使用年限（月）', description: '使用年限（月）：首次计提折旧前可改' }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(1200)
  usefulLifeMonths?: number;

  @ApiPropertyOptional({ title: '累计折旧科目' }) @IsOptionalNotNull() @IsAccountCode()
  depreciationAccount?: string;
}

export class DisposeFixedAssetDto {
  @ApiProperty({ title: '处置方式', enum: ['scrap', 'sale', 'donation'], description: 'scrap 报废 / sale 出售 / donation 对外捐赠' })
  @IsIn(['scrap', 'sale', 'donation'])
  kind: 'scrap' | 'sale' | 'donation';

  @ApiProperty({ title: '处置日期', example: '2026-06-30', description: '处置日期（须在未结账期间）' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({ title: '处置收入', example: '800.00', description: '出售价款或残值变价收入，存入集中核算户' })
  @IsOptional() @IsAmount({ allowNegative: false })
  proceeds?: string;

  @ApiProperty({ title: '处置依据', example: '经工会委员会批准报废', description: '处置依据（批准情况）' })
  @IsString() @Length(1, 200)
  reason: string;
}

export class CancelFixedAssetDto {
  @ApiProperty({ title: '注销原因', example: '误将维修费资本化', description: '注销原因' })
  @IsString() @Length(1, 200)
  reason: string;
}
