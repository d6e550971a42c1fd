import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAccountCode, IsPeriod } from '../../common/validation/formats.decorator';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { NestedList } from '../../common/validation/nested.decorator';
import { PROJECT_CODE_FORMAT, PROJECT_CODE_PATTERN } from '../../ledger/vouchers/dto/voucher.dto';

export class BudgetLineDto {
  @ApiProperty({ title: '科目', example: '501', description: '收入或支出科目（一级或二级）' })
  @IsAccountCode()
  account: string;

  @ApiPropertyOptional({ title: '项目', example: 'P2026-01', description: '专项资金的项目' })
  @IsOptional() @Matches(PROJECT_CODE_PATTERN, { message: PROJECT_CODE_FORMAT })
  project?: string;

  @ApiProperty({ title: '预算金额', example: '12000.00', description: '预算金额' })
  @IsAmount({ allowNegative: false })
  amount: string;
}

export class CreateBudgetDto {
  @ApiProperty({ title: '预算年度', example: 2026 })
  @IsInt() @Min(1900) @Max(2199)
  year: number;

  @ApiProperty({ title: '预算行', type: [BudgetLineDto] })
  @NestedList(() => BudgetLineDto, { max: 500 })
  lines: BudgetLineDto[];
}

export class UpdateBudgetDto {
  @ApiProperty({ title: '预算行', type: [BudgetLineDto], description: '整体替换草稿的预算行' })
  @NestedList(() => BudgetLineDto, { max: 500 })
  lines: BudgetLineDto[];
}

export class AdjustBudgetDto {
  @ApiProperty({ title: '预算年度', example: 2026 })
  @IsInt() @Min(1900) @Max(2199)
  year: number;

  @ApiProperty({ title: '调整原因', example: '追加困难职工帮扶项目预算', description: '调整原因' })
  @IsString() @Length(1, 500)
  reason: string;

  @ApiPropertyOptional({ title: '预算行', type: [BudgetLineDto], description: '调整后的预算行；不填则复制现行预算，再修改草稿' })
  @IsOptional() @NestedList(() => BudgetLineDto, { max: 500 })
  lines?: BudgetLineDto[];
}

export class ApproveBudgetDto {
  @ApiProperty({ title: '委员会审议日期', example: '2026-01-15', description: '工会委员会审议通过日期' })
  @IsCalendarDate()
  committeeDate: string;

  @ApiPropertyOptional({ title: '经审会审查日期', example: '2026-01-12', description: '经费审查委员会审查日期' })
  @IsOptional() @IsCalendarDate()
  reviewCommitteeDate?: string;
}

export class ExecutionQuery {
  @ApiPropertyOptional({ title: '截至月份', example: '2026-06', description: '截至月份（含），默认全年' })
  @IsOptional() @IsPeriod()
  through?: string;
}

export class BudgetListQuery {
  @ApiPropertyOptional({ title: '预算年度', example: '2026' })
  @IsOptional() @Matches(/^(19|20|21)\d{2}$/, { message: '格式不正确：应为四位年份，如 2026' })
  year?: string;
}

export class BudgetHeaderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 1, description: '版本：原预算为 1，每次调整加 1' }) version: number;
  @ApiProperty({ enum: ['original', 'adjustment'] }) kind: string;
  @ApiProperty({ enum: ['draft', 'approved', 'superseded', 'discarded'], description: '草稿 / 已批准（现行）/ 已被调整取代 / 作废' }) status: string;
  @ApiProperty({ nullable: true, type: String, description: '调整原因' }) reason: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '工会委员会审议日期' }) committeeDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: '经审会审查日期' }) reviewCommitteeDate: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededAt: string | null;
}

export class BudgetLineResponse {
  @ApiProperty({ example: '501' }) account: string;
  @ApiProperty({ example: '职工活动支出' }) accountName: string;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ example: '12000.00' }) amount: string;
}

export class BudgetTotalsResponse {
  @ApiProperty({ example: '60000.00', description: '收入预算合计' }) income: string;
  @ApiProperty({ example: '58000.00', description: '支出预算合计' }) expense: string;
}

export class BudgetResponse extends BudgetHeaderResponse {
  @ApiProperty({ type: [BudgetLineResponse] }) lines: BudgetLineResponse[];
  @ApiProperty({ type: BudgetTotalsResponse }) totals: BudgetTotalsResponse;
}

export class ExecutionBudgetRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['original', 'adjustment'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) committeeDate: string | null;
}

export class ExecutionLineResponse {
  @ApiProperty({ example: '501' }) account: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ nullable: true, type: String }) project: string | null;
  @ApiProperty({ enum: ['income', 'expense'] }) kind: string;
  @ApiProperty({ example: '12000.00', description: '预算数（未列入预算的为 0）' }) budget: string;
  @ApiProperty({ type: [String], description: '1–12 月实际数（不含结转凭证）' }) months: string[];
  @ApiProperty({ description: '实际数合计' }) actual: string;
  @ApiProperty({ description: '已审批待支付的报销' }) reserved: string;
  @ApiProperty({ description: '预算结余 = 预算 − 实际 − 已审批待支付' }) remaining: string;
  @ApiProperty({ nullable: true, type: String, example: '62.5', description: '执行率（%）；无预算时为 null' }) percentUsed: string | null;
}

export class BudgetExecutionResponse {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: '2026-06' }) through: string;
  @ApiProperty({ nullable: true, type: ExecutionBudgetRef, description: '现行（已批准）预算；未批准时为 null' }) budget: ExecutionBudgetRef | null;
  @ApiProperty({ type: [ExecutionLineResponse] }) lines: ExecutionLineResponse[];
}
