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
