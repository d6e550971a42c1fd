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

export class FixedAssetAccountsResponse {
  @ApiProperty({ example: '162', description: '固定资产科目' }) asset: string;
  @ApiProperty({ example: '30104', description: '资产基金—固定资产' }) fund: string;
  @ApiProperty({ example: '163', description: '累计折旧科目' }) depreciation: string;
}

export class FixedAssetDisposalResponse {
  @ApiProperty({ enum: ['scrap', 'sale', 'donation'] }) kind: string;
  @ApiProperty({ example: '2026-06-30' }) date: string;
  @ApiProperty({ example: '800.00' }) proceeds: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '处置凭证' }) voucherId: string | null;
}

export class FixedAssetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'GZ-0001', description: '资产编号' }) number: string;
  @ApiProperty({ example: '笔记本电脑' }) name: string;
  @ApiProperty({ enum: ['general', 'special'] }) category: string;
  @ApiProperty({ example: '7200.00', description: '原值' }) cost: string;
  @ApiProperty({ example: '2026-03-18' }) acquisitionDate: string;
  @ApiProperty({ example: 72 }) usefulLifeMonths: number;
  @ApiProperty({ enum: ['straight_line'], description: '年限平均法，不留残值' }) method: string;
  @ApiProperty({ enum: ['active', 'disposed', 'cancelled'] }) status: string;
  @ApiProperty({ enum: ['purchase', 'opening'], description: '购置（有购置凭证）或启用前已有' }) origin: string;
  @ApiProperty({ example: '300.00', description: '累计折旧（含启用前）' }) accumulatedDepreciation: string;
  @ApiProperty({ example: '6900.00', description: '净值' }) bookValue: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-05', description: '最近计提折旧的月份' }) lastDepreciated: string | null;
  @ApiProperty({ type: FixedAssetAccountsResponse }) accounts: FixedAssetAccountsResponse;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '购置凭证' }) voucherId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '购置的报销单' }) claimId: string | null;
  @ApiProperty({ nullable: true, type: FixedAssetDisposalResponse }) disposal: FixedAssetDisposalResponse | null;
  @ApiProperty() createdAt: string;
}

export class RegisterFiguresResponse {
  @ApiProperty({ example: '7200.00', description: '原值合计' }) cost: string;
  @ApiProperty({ example: '300.00', description: '累计折旧合计' }) depreciation: string;
}

export class AssetReconciliationResponse {
  @ApiProperty({ type: RegisterFiguresResponse, description: '在用卡片合计' }) cards: RegisterFiguresResponse;
  @ApiProperty({ type: RegisterFiguresResponse, description: '科目余额：162 固定资产、163 累计折旧' }) ledger: RegisterFiguresResponse;
}

export class FixedAssetListResponse {
  @ApiProperty({ type: [FixedAssetResponse] }) items: FixedAssetResponse[];
  @ApiProperty({ type: AssetReconciliationResponse, description: '卡片与账簿核对：每项资产都有卡片时二者相等' }) reconciliation: AssetReconciliationResponse;
}

export class FixedAssetListQuery {
  @ApiPropertyOptional({ title: '状态', enum: ['active', 'disposed', 'cancelled'] })
  @IsOptional() @IsIn(['active', 'disposed', 'cancelled'])
  status?: 'active' | 'disposed' | 'cancelled';
}
