import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { PERIOD_PATTERN } from '../../../common/period';
import { IsAmount } from '../../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { ACCOUNT_CODE_PATTERN } from '../../../ledger/domain/account-rules';
import { ReceiptKinds } from '../../domain/receipt.rules';

export class ReceiptDuesDto {
  @ApiProperty({ example: '2026-03', description: '会费所属月份' })
  @Matches(PERIOD_PATTERN, { message: '会费期间格式应为 YYYY-MM' })
  period: string;

  @ApiPropertyOptional({ example: 120, description: '缴费人数（按名册收取时取名册人数）' })
  @IsOptional() @IsInt() @Min(1) @Max(1000000)
  members?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '会费名册：收款金额须等于名册合计' })
  @IsOptional() @IsUUID()
  rollId?: string;
}

export class CreateReceiptDto {
  @ApiProperty({ enum: ReceiptKinds, description: 'dues 会费 401；allocation 拨缴经费 402；subsidy 上级补助 403；admin_subsidy 行政补助 405；other 其他收入 408；refund 退款（冲减支出或 135）' })
  @IsIn(ReceiptKinds, { message: `收款类型 kind 应为 ${ReceiptKinds.join('、')} 之一` })
  kind: (typeof ReceiptKinds)[number];

  @ApiProperty({ example: '12000.00' })
  @IsAmount({ allowNegative: false })
  amount: string;

  @ApiProperty({ example: '2026-03-15', description: '到账日期（凭证日期）' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '某某市总工会', description: '付款单位或个人' })
  @IsString() @Length(1, 100)
  payer: string;

  @ApiPropertyOptional({ example: 'ICBC202603150001', description: '银行流水号（自动对账首先按它匹配）' })
  @IsOptional() @IsString() @Length(1, 64)
  bankReference?: string;

  @ApiPropertyOptional({ example: '40302', description: '贷方科目：不填则按收款类型；退款必填（支出科目、135 或 32101/32201）' })
  @IsOptional() @Matches(ACCOUNT_CODE_PATTERN, { message: '科目编码格式不正确' })
  account?: string;

  @ApiPropertyOptional({ enum: ['restricted', 'unrestricted'], description: '专项/非专项；专项须注明项目' })
  @IsOptional() @IsIn(['restricted', 'unrestricted'])
  fundType?: 'restricted' | 'unrestricted';

  @ApiPropertyOptional({ example: 'P2026-01' })
  @IsOptional() @IsString() @Length(1, 32)
  project?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '收款的统一账户；不填为本工会的默认份额所在账户' })
  @IsOptional() @IsUUID()
  bankAccountId?: string;

  @ApiPropertyOptional({ example: '2026年第一季度返还', description: '摘要补充' })
  @IsOptional() @IsString() @Length(1, 100)
  memo?: string;

  @ApiPropertyOptional({ type: ReceiptDuesDto, description: '会费：所属月份、人数或会费名册' })
  @IsOptional() @ValidateNested() @Type(() => ReceiptDuesDto)
  dues?: ReceiptDuesDto;
}

export class CancelReceiptDto {
  @ApiProperty({ example: '重复登记', description: '作废原因' })
  @IsString() @Length(1, 200)
  reason: string;
}

export class ListReceiptsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: ReceiptKinds }) @IsOptional() @IsIn(ReceiptKinds)
  kind?: (typeof ReceiptKinds)[number];

  @ApiPropertyOptional({ enum: ['recorded', 'posted', 'cancelled'] }) @IsOptional() @IsIn(['recorded', 'posted', 'cancelled'])
  status?: 'recorded' | 'posted' | 'cancelled';
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
  @ApiProperty({ nullable: true, example: { period: '2026-03', members: 120, rollId: null } })
  dues: { period: string; members: number | null; rollId: string | null } | null;
  @ApiProperty({ nullable: true, type: String, description: '经费返还批次' }) batchId: string | null;
  @ApiProperty({ enum: ['recorded', 'posted', 'cancelled'], description: 'recorded 已登记待过账；posted 已过账；cancelled 已作废' }) status: string;
  @ApiProperty({ example: { id: '…', number: '收-202603-0001' } }) voucher: { id: string; number: string | null };
  @ApiProperty() recordedBy: string;
  @ApiProperty({ nullable: true, example: null }) cancelled: { at: string; reason: string | null } | null;
  @ApiProperty({ type: [ReceiptAttachmentResponse] }) attachments: ReceiptAttachmentResponse[];
  @ApiProperty() createdAt: string;
}
