import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { FundTypes } from '../../ledger/domain/account-rules';
import { PROJECT_CODE_FORMAT, PROJECT_CODE_PATTERN } from '../../ledger/vouchers/dto/voucher.dto';
import { ClaimKinds, Occasions } from '../domain/claim-kinds';
import { ClaimStatus, ClaimStatuses } from '../domain/claim.rules';
import { BANK_ACCOUNT_FORMAT, IsAccountCode } from '../../common/validation/formats.decorator';
import { Nested, NestedList } from '../../common/validation/nested.decorator';

export const MAX_CLAIM_LINES = 50;
export const MAX_BENEFICIARIES = 5000;
/** Up to 10 integer digits and 4 decimals (e.g. 2.5 kg, 120 份). */
export const QUANTITY_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,4})?$/;

export class ClaimLineDto {
  @ApiProperty({ title: '品名/事项', example: '中秋月饼礼盒', description: '品名/事项' })
  @IsString() @Length(1, 200)
  description: string;

  @ApiProperty({ title: '数量', example: '120', description: '数量（字符串，最多 4 位小数）' })
  @IsString() @Matches(QUANTITY_PATTERN, { message: '格式不正确：应为字符串，最多 4 位小数，如 "2.5"' })
  quantity: string;

  @ApiProperty({ title: '单价', example: '150.00', description: '单价' })
  @IsAmount({ allowNegative: false })
  unitPrice: string;

  @ApiProperty({ title: '金额', example: '18000.00', description: '金额 = 数量 × 单价（四舍五入到分）' })
  @IsAmount({ allowNegative: false })
  amount: string;
}

export class PayeeDto {
  @ApiProperty({ title: '支付方式', enum: ['bank', 'cash'], description: 'bank 转账 / cash 现金' })
  @IsIn(['bank', 'cash'])
  kind: 'bank' | 'cash';

  @ApiProperty({ title: '收款人', example: '某某食品有限公司', description: '收款人' })
  @IsString() @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ title: '开户行', example: '中国工商银行某某支行' })
  @IsOptional() @IsString() @Length(1, 100)
  bank?: string;

  @ApiPropertyOptional({ title: '收款账号', example: '6222020200112233445', description: '收款账号（转账必填）' })
  @IsOptional() @Matches(/^[0-9A-Za-z-]{4,40}$/, { message: BANK_ACCOUNT_FORMAT })
  account?: string;
}

export class BeneficiaryDto {
  @ApiProperty({ title: '会员编号', example: 'M0001', description: '会员编号或工号' })
  @IsString() @Length(1, 40)
  member: string;

  @ApiProperty({ title: '姓名', example: '张三' })
  @IsString() @Length(1, 50)
  name: string;
}

export class CommitteeDecisionDto {
  @ApiProperty({ title: '集体研究日期', example: '2026-09-01', description: '集体研究日期' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ title: '会议纪要编号', example: '工会委员会会议纪要〔2026〕5号', description: '会议纪要编号' })
  @IsString() @Length(1, 100)
  minutesRef: string;
}

export class CreateClaimDto {
  @ApiProperty({ title: '支出类别', enum: ClaimKinds, description: '支出类别（决定适用的审核规则）' })
  @IsIn(ClaimKinds)
  kind: (typeof ClaimKinds)[number];

  @ApiPropertyOptional({ title: '节日', enum: Occasions, description: '节日（仅节日慰问品）' })
  @IsOptional() @IsIn(Occasions)
  occasion?: (typeof Occasions)[number];

  @ApiProperty({ title: '事由', example: '2026年中秋节会员慰问品', description: '事由' })
  @IsString() @Length(1, 200)
  purpose: string;

  @ApiProperty({ title: '业务发生日期', example: '2026-09-20', description: '业务发生日期（按其所在年度累计每人限额）' })
  @IsCalendarDate()
  eventDate: string;

  @ApiProperty({ title: '列支科目', example: '50105', description: '列支科目：501/503/504/505/507/510 下的末级科目' })
  @IsAccountCode()
  expenseAccount: string;

  @ApiPropertyOptional({ title: '资金性质', enum: FundTypes, description: '资金性质，默认 unrestricted（非专项）' })
  @IsOptional() @IsIn(FundTypes)
  fundType?: (typeof FundTypes)[number];

  @ApiPropertyOptional({ title: '项目', description: '项目编码（专项资金必填）' })
  @IsOptional() @Matches(PROJECT_CODE_PATTERN, { message: PROJECT_CODE_FORMAT })
  project?: string;

  @ApiProperty({ title: '收款人信息', type: PayeeDto })
  @Nested(() => PayeeDto)
  payee: PayeeDto;

  @ApiProperty({ title: '明细', type: [ClaimLineDto] })
  @NestedList(() => ClaimLineDto, { min: 1, max: MAX_CLAIM_LINES })
  lines: ClaimLineDto[];

  @ApiPropertyOptional({ title: '受益会员', type: [BeneficiaryDto], description: '受益会员名单（按人发放的类别必填）' })
  @IsOptional() @NestedList(() => BeneficiaryDto, { max: MAX_BENEFICIARIES })
  beneficiaries?: BeneficiaryDto[];

  @ApiPropertyOptional({ title: '集体研究记录', type: CommitteeDecisionDto, description: '集体研究记录（超过中心设定金额须有）' })
  @IsOptional() @Nested(() => CommitteeDecisionDto)
  committee?: CommitteeDecisionDto;
}

/** Every field may be left out; none may be sent as null (a claim's fields cannot be emptied). */
export class UpdateClaimDto extends PartialType(CreateClaimDto, { skipNullProperties: false }) {}

export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ title: '状态', enum: ClaimStatuses })
  @IsOptional() @IsIn(ClaimStatuses)
  status?: ClaimStatus;

  @ApiPropertyOptional({ title: '关键字', description: '按编号、事由、收款人查找' })
  @IsOptional() @IsString() @Length(1, 100)
  q?: string;
}

export const CREATE_CLAIM_EXAMPLES: Record<string, CreateClaimDto> = {
  中秋节慰问品: {
    kind: 'holiday_gift',
    occasion: 'mid_autumn',
    purpose: '2026年中秋节会员慰问品',
    eventDate: '2026-09-20',
    expenseAccount: '50105',
    payee: { kind: 'bank', name: '某某食品有限公司', bank: '中国工商银行某某支行', account: '6222020200112233445' },
    lines: [{ description: '中秋月饼礼盒', quantity: '2', unitPrice: '150.00', amount: '300.00' }],
    beneficiaries: [
      { member: 'M0001', name: '张三' },
      { member: 'M0002', name: '李四' },
    ],
  },
};
