import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsAccountCode } from '../../../common/validation/formats.decorator';
import { NestedList } from '../../../common/validation/nested.decorator';

export class OpeningBalanceLineDto {
  @ApiProperty({ title: '科目', example: '10201' })
  @IsAccountCode()
  account: string;

  @ApiPropertyOptional({ title: '借方余额', example: '50000.00', description: '借方余额（与贷方二选一）' })
  @IsOptional() @IsAmount({ allowNegative: false })
  debit?: string;

  @ApiPropertyOptional({ title: '贷方余额', example: '50000.00', description: '贷方余额（与借方二选一）' })
  @IsOptional() @IsAmount({ allowNegative: false })
  credit?: string;
}

export class SetOpeningBalancesDto {
  @ApiProperty({ title: '期初余额', type: [OpeningBalanceLineDto], description: '整体替换本工会启用期间的期初余额' })
  @NestedList(() => OpeningBalanceLineDto, { max: 2000 })
  lines: OpeningBalanceLineDto[];
}

export class OpeningBalanceResponse {
  @ApiProperty() account: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ nullable: true, type: String }) debit: string | null;
  @ApiProperty({ nullable: true, type: String }) credit: string | null;
}

export class OpeningBalancesResponse {
  @ApiProperty({ example: '2026-01' }) period: string;
  @ApiProperty({ description: '首张凭证过账后锁定' }) locked: boolean;
  @ApiProperty({ type: [OpeningBalanceResponse] }) lines: OpeningBalanceResponse[];
  @ApiProperty() totalDebit: string;
  @ApiProperty() totalCredit: string;
}
