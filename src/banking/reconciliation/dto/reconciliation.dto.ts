import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { IsPeriod } from '../../../common/validation/formats.decorator';
import { NestedList } from '../../../common/validation/nested.decorator';

export class BookLineRefDto {
  @ApiProperty({ title: '工会', format: 'uuid' }) @IsUUID()
  unionId: string;

  @ApiProperty({ title: '凭证', format: 'uuid' }) @IsUUID()
  voucherId: string;

  @ApiProperty({ title: '分录行号', type: 'integer', minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(9999)
  lineNo: number;
}

export class ManualMatchDto {
  @ApiProperty({ title: '银行流水', type: [String], description: '对账单流水的 id；内部划转（份额之间、无银行流水）可为空，此时所选账簿分录合计须为零' })
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  statementLineIds: string[];

  @ApiProperty({ title: '账簿分录', type: [BookLineRefDto] })
  @NestedList(() => BookLineRefDto, { max: 500 })
  bookLines: BookLineRefDto[];
}

export class MatchesQuery extends PageQuery {
  @ApiPropertyOptional({ title: '状态', enum: ['proposed', 'confirmed', 'rejected', 'undone'], description: 'proposed 为待确认队列' })
  @IsOptional() @IsIn(['proposed', 'confirmed', 'rejected', 'undone'])
  status?: string;
}

export class ReconciliationQuery {
  @ApiPropertyOptional({ title: '月份', example: '2026-04', description: '编制该月月末的调节表' }) @IsOptional() @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ title: '截至日期', example: '2026-04-15', description: '不给月份时，截至该日（默认今天）' }) @IsOptional() @IsCalendarDate()
  date?: string;
}

export class SignOffDto {
  @ApiProperty({ title: '对账截至日期', example: '2026-04-30' }) @IsCalendarDate()
  throughDate: string;

  @ApiPropertyOptional({ title: '说明', example: '4 月对账完毕，未达账项 2 笔' }) @IsOptional() @IsString() @Length(1, 200)
  note?: string;
}

export class StatementSideResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-04-10' }) date: string;
  @ApiProperty({ example: '-1200.00', description: '收入为正，支出为负' }) amount: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) counterpartName: string | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
}

export class BookSideResponse {
  @ApiProperty() unionId: string;
  @ApiProperty() unionCode: string;
  @ApiProperty() voucherId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty({ example: 'receipt-202604-3', description: '凭证类型-期间-号' }) voucherNo: string;
  @ApiProperty({ example: '2026-04-10' }) date: string;
  @ApiProperty() summary: string;
  @ApiProperty({ example: '1200.00', description: '借方（收）为正，贷方（付）为负' }) amount: string;
  @ApiProperty({ nullable: true, type: String, description: '收款、付款或退出时登记的银行流水号' }) reference: string | null;
}

export class MatchResponse {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['reference', 'amount_date', 'amount_window', 'one_to_many', 'many_to_one', 'transfer', 'transfer_window', 'manual'],
    description: 'transfer / transfer_window：同一统一账户两个份额之间的内部划转（无银行流水），两笔账簿分录相互勾对',
  })
  rule: string;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) confidence: string;
  @ApiProperty({ enum: ['proposed', 'confirmed', 'rejected', 'undone'] }) status: string;
  @ApiProperty() createdByName: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ type: [StatementSideResponse] }) statement: StatementSideResponse[];
  @ApiProperty({ type: [BookSideResponse] }) book: BookSideResponse[];
}

export class SignOffResponse {
  @ApiProperty() id: string;
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ example: '2026-04-30' }) throughDate: string;
  @ApiProperty() bookBalance: string;
  @ApiProperty() statementBalance: string;
  @ApiProperty({ description: '调节后余额（两边相等）' }) adjustedBalance: string;
  @ApiProperty({ description: '签认时的未达账项笔数' }) openItems: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() signedByName: string;
  @ApiProperty() signedAt: string;
}

export class ReconcilingItemsResponse {
  @ApiProperty({ example: '300.00', description: '合计（绝对值）' }) total: string;
}

export class BankItemsResponse extends ReconcilingItemsResponse {
  @ApiProperty({ type: [StatementSideResponse] }) lines: StatementSideResponse[];
}

export class BookItemsResponse extends ReconcilingItemsResponse {
  @ApiProperty({ type: [BookSideResponse] }) lines: BookSideResponse[];
}

export class ReconciliationResponse {
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ example: '2026-04-30', description: '调节表日期' }) date: string;
  @ApiProperty({ nullable: true, type: String, description: '对账单在该日或之前最后一笔流水的日期' }) statementDate: string | null;
  @ApiProperty({ description: '企业账面余额（各工会份额之和）' }) bookBalance: string;
  @ApiProperty({ description: '银行对账单余额' }) statementBalance: string;
  @ApiProperty({ type: BankItemsResponse, description: '银行已收、企业未收' }) bankInNotBook: BankItemsResponse;
  @ApiProperty({ type: BankItemsResponse, description: '银行已付、企业未付' }) bankOutNotBook: BankItemsResponse;
  @ApiProperty({ type: BookItemsResponse, description: '企业已收、银行未收' }) bookInNotBank: BookItemsResponse;
  @ApiProperty({ type: BookItemsResponse, description: '企业已付、银行未付' }) bookOutNotBank: BookItemsResponse;
  @ApiProperty({ description: '调节后的企业账面余额' }) adjustedBook: string;
  @ApiProperty({ description: '调节后的银行对账单余额' }) adjustedStatement: string;
  @ApiProperty({ example: '0.00' }) difference: string;
  @ApiProperty({ description: '调节后余额相等' }) agrees: boolean;
  @ApiProperty({ description: '待确认的自动勾对（涉及该日或之前的流水）' }) pendingProposals: number;
  @ApiProperty({ type: SignOffResponse, nullable: true, description: '最近的签认' }) lastSignOff: SignOffResponse | null;
}

export class ReconciliationSummaryResponse {
  @ApiProperty() bankAccountId: string;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty({ nullable: true, type: String }) accountNo: string | null;
  @ApiProperty({ nullable: true, type: String, description: '对账单已导入到的日期' }) statementThrough: string | null;
  @ApiProperty({ description: '截至对账单最后日期的未达账项笔数' }) unreconciledItems: number;
  @ApiProperty({ description: '未达账项金额（绝对值合计）' }) unreconciledAmount: string;
  @ApiProperty({ nullable: true, type: String }) oldestItemDate: string | null;
  @ApiProperty() pendingProposals: number;
  @ApiProperty({ description: '调节后差额（应为 0）' }) difference: string;
  @ApiProperty({ nullable: true, type: String, description: '已签认对账截至的日期' }) reconciledThrough: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '距上次签认截至日的天数' }) daysSinceReconciled: number | null;
}
