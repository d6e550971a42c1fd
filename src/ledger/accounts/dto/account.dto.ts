import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import { IsAccountCode } from '../../../common/validation/formats.decorator';
import { IsOptionalNotNull } from '../../../common/validation/optional.decorator';

export class CreateAccountDto {
  @ApiProperty({ title: '上级科目', example: '50105', description: '上级科目编码' })
  @IsAccountCode()
  parentCode: string;

  @ApiProperty({ title: '科目编码', example: '5010501', description: '上级科目编码后加两位' })
  @IsAccountCode()
  code: string;

  @ApiProperty({ title: '科目名称', example: '节日慰问' })
  @IsString() @Length(1, 100)
  name: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ title: '科目名称', description: '只有自设明细科目可以改名' })
  @IsOptionalNotNull() @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ title: '启用', description: '停用或启用末级科目；有余额的科目不能停用' })
  @IsOptionalNotNull() @IsBoolean()
  active?: boolean;
}

export class AccountResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '银行存款—集中核算户' }) path: string;
  @ApiProperty({ enum: ['asset', 'liability', 'net_assets', 'income', 'expense'] }) category: string;
  @ApiProperty({ enum: ['debit', 'credit'] }) normalSide: string;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty() level: number;
  @ApiProperty({ description: '《工会会计制度》标准科目（不能改名或删除）' }) standard: boolean;
  @ApiProperty({ description: '末级科目（只有末级科目可以记账）' }) leaf: boolean;
  @ApiProperty() active: boolean;
}
