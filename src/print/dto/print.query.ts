import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsPeriod } from '../../common/validation/formats.decorator';
import { VoucherType, VoucherTypes } from '../../ledger/domain/voucher-type';
import { PrintLayout, PrintLayouts } from '../domain/voucher-sheet';
import { BookKind, BookKinds } from '../books-print.service';

export class VoucherPrintQuery {
  @ApiPropertyOptional({ title: '版式', enum: PrintLayouts, default: 'a4', description: 'a4：A4 纸每页两张凭证；paper：240×140 mm 凭证纸，每张一页' })
  @IsOptional() @IsIn(PrintLayouts, { message: '只能是 a4（A4 每页两张）或 paper（240×140 mm 凭证纸）' })
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

export class BookPrintQuery {
  @ApiProperty({
    title: '账表',
    enum: BookKinds,
    description: 'trial-balance 科目余额表；general-ledger 总账；subsidiary-ledgers 明细账（本月合计、本年累计）；cash-journal / bank-journal 现金、银行存款日记账；voucher-journal 凭证序时簿；statements 工会01表、02表；budget-execution 预算执行情况；claims 支出审批单及审批记录；audit-log 操作日志',
  })
  @IsIn(BookKinds)
  kind!: BookKind;

  @ApiProperty({ title: '起始期间', example: '2026-01' })
  @IsPeriod()
  from!: string;

  @ApiProperty({ title: '截止期间', example: '2026-12' })
  @IsPeriod()
  to!: string;
}
