import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsPeriod } from '../../common/validation/formats.decorator';
import { VoucherType, VoucherTypes } from '../../ledger/domain/voucher-type';
import { PrintLayout, PrintLayouts } from '../domain/voucher-sheet';

export class VoucherPrintQuery {
  @ApiPropertyOptional({ title: '版式', enum: PrintLayouts, default: 'a4', description: 'a4：A4 纸每页两张凭证；paper：240×140 mm 凭证纸，每张一页' })
  @IsOptional() @IsIn(PrintLayouts, { message: '版式只能是 a4（A4 每页两张）或 paper（240×140 mm 凭证纸）' })
  layout?: PrintLayout;
}

export class PeriodVouchersPrintQuery extends VoucherPrintQuery {
  @ApiProperty({ title: '会计期间', example: '2026-03', description: '打印该月全部已过账凭证（按凭证号），前附装订封面' })
  @IsPeriod()
  period!: string;

  @ApiPropertyOptional({ title: '凭证类别', enum: VoucherTypes, description: '只打印一种凭证（收/付/转 分别装订时）；不填为全部' })
  @IsOptional() @IsIn(VoucherTypes)
  type?: VoucherType;
}
