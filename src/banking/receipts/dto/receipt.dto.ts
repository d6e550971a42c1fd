import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { IsAccountCode, IsPeriod } from '../../../common/validation/formats.decorator';
import { Nested } from '../../../common/validation/nested.decorator';
import { ReceiptKinds } from '../../domain/receipt.rules';

export class ReceiptDuesDto {
  @ApiProperty({ title: '会费所属月份', example: '2026-03' })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ title: '缴费人数', example: 120, description: '按名册收取时取名册人数' })
  @IsOptional() @IsInt() @Min(1) @Max(1000000)
  members?: number;

  @ApiPropertyOptional({ title: '会费名册', format: 'uuid', description: '收款金额须等于名册合计' })
  @IsOptional() @IsUUID()
  rollId?: string;
}

export class CreateReceiptDto {
  @ApiProperty({
    title: '收款类型',
    enum: ReceiptKinds,
    description: 'dues 会费 401；allocation 拨缴经费 402；subsidy 上级补助 403；admin_subsidy 行政补助 405；other 其他收入 408；refund 退款（冲减支出或 135）',
  })
  @IsIn(ReceiptKinds)
  kind: (typeof ReceiptKinds)[number];

  @ApiProperty({ title: '金额', example: '12000.00' })
  @IsAmount({ allowNegative: false })
  amount: string;

  @ApiProperty({ title: '到账日期', example: '2026-03-15', description: '即收款凭证日期' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ title: '付款单位', example: '某某市总工会', description: '付款单位或个人' })
  @IsString() @Length(1, 100)
  payer: string;

  @ApiPropertyOptional({ title: '银行流水号', example: 'ICBC202603150001', description: '自动对账首先按它匹配' })
  @IsOptional() @IsString() @Length(1, 64)
  bankReference?: string;

  @ApiPropertyOptional({ title: '贷方科目', example: '40302', description: '不填则按收款类型；退款必填（支出科目、135 或 32101/32201）' })
  @IsOptional() @IsAccountCode()
  account?: string;

  @ApiPropertyOptional({ title: '资金性质', enum: ['restricted', 'unrestricted'], description: '专项/非专项；专项须注明项目' })
  @IsOptional() @IsIn(['restricted', 'unrestricted'])
  fundType?: 'restricted' | 'unrestricted';

  @ApiPropertyOptional({ title: '项目', example: 'P2026-01' })
  @IsOptional() @IsString() @Length(1, 32)
  project?: string;

  @ApiPropertyOptional({ title: '统一账户', format: 'uuid', description: '收款的统一账户；不填为本工会的默认份额所在账户' })
  @IsOptional() @IsUUID()
  bankAccountId?: string;

  @ApiPropertyOptional({ title: '摘要', example: '2026年第一季度返还', description: '摘要补充' })
  @IsOptional() @IsString() @Length(1, 100)
  memo?: string;

  @ApiPropertyOptional({ title: '会费', type: ReceiptDuesDto, description: '会费：所属月份、人数或会费名册' })
  @IsOptional() @Nested(() => ReceiptDuesDto)
  dues?: ReceiptDuesDto;
}

export class CancelReceiptDto {
  @ApiProperty({ title: '作废原因', example: '重复登记' })
  @IsString() @Length(1, 200)
  reason: string;
}

export class ListReceiptsQuery extends PageQuery {
  @ApiPropertyOptional({ title: '起始日期', example: '2026-03-01' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ title: '截止日期', example: '2026-03-31' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ title: '收款类型', enum: ReceiptKinds }) @IsOptional() @IsIn(ReceiptKinds)
  kind?: (typeof ReceiptKinds)[number];

  @ApiPropertyOptional({ title: '状态', enum: ['recorded', 'posted', 'cancelled'] }) @IsOptional() @IsIn(['recorded', 'posted', 'cancelled'])
  status?: 'recorded' | 'posted' | 'cancelled';
}

export class ReceiptDuesResponse {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ nullable: true, type: Number }) members: number | null;
  @ApiProperty({ nullable: true, type: String }) rollId: string | null;
}

export class ReceiptVoucherResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, example: '记-202603-0001', description: '过账后的凭证号' }) number: string | null;
}

export class CancellationResponse {
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ReceiptAttachmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() createdAt: string;
}

export class ReceiptResponse {
  @ApiProperty() id: string;
  @ApiProperty() unionId: string;
  @ApiProperty({ example: 'SK-2026-0001' }) number: string;
  @ApiProperty({ enum: ReceiptKinds }) kind: string;
  @ApiProperty({ example: '拨缴经费收入' }) kindLabel: string;
  @ApiProperty({ example: '12000.00' }) amount: string;
  @ApiProperty({ example: '2026-03-15' }) date: string;
  @ApiProperty() payer: string;
  @ApiProperty({ nullable: true, type: String }) bankReference: string | null;
  @ApiProperty({ example: '10201', description: '借方：本工会在统一账户中的份额' }) shareAccount: string;
  @ApiProperty({ example: '402', description: '贷方科目' }) creditAccount: string;
  @ApiProperty({ nullable: true, type: String }) fundType: string | null;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty({ type: () => ReceiptDuesResponse, nullable: true }) dues: ReceiptDuesResponse | null;
  @ApiProperty({ nullable: true, type: String, description: '经费返还批次' }) batchId: string | null;
  @ApiProperty({ enum: ['recorded', 'posted', 'cancelled'], description: 'recorded 已登记待过账；posted 已过账；cancelled 已作废' }) status: string;
  @ApiProperty({ type: () => ReceiptVoucherResponse }) voucher: ReceiptVoucherResponse;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: () => CancellationResponse, nullable: true }) cancelled: CancellationResponse | null;
  @ApiProperty({ type: [ReceiptAttachmentResponse] }) attachments: ReceiptAttachmentResponse[];
  @ApiProperty() createdAt: string;
}
