import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsAmount } from '../../common/validation/is-amount.decorator';
import { NestedList } from '../../common/validation/nested.decorator';
import { PROJECT_CODE_FORMAT, PROJECT_CODE_PATTERN } from '../../ledger/vouchers/dto/voucher.dto';
import { PeriodResponse } from '../../ledger/periods/dto/period.dto';

export class FinishedProjectDto {
  @ApiProperty({ title: '项目', example: 'P2026-01', description: '已完成的专项项目' })
  @Matches(PROJECT_CODE_PATTERN, { message: PROJECT_CODE_FORMAT })
  project: string;

  @ApiPropertyOptional({ title: '转入结余的金额', example: '1200.00', description: '转入结余的金额；不填则转入该项目全部累计结转' })
  @IsOptional() @IsAmount({ allowNegative: false })
  amount?: string;
}

export class ClosePeriodDto {
  @ApiPropertyOptional({ title: '已完成的项目', type: [FinishedProjectDto], description: '仅 12 月（年终结转）：本年已完成、剩余资金转入结余的专项项目' })
  @IsOptional() @NestedList(() => FinishedProjectDto, { max: 500 })
  finishedProjects?: FinishedProjectDto[];
}

export class BatchCloseDto {
  @ApiPropertyOptional({ title: '工会', type: [String], description: '只结账这些工会；不填则为本中心全部工会' })
  @IsOptional() @IsArray() @ArrayMaxSize(10000) @IsUUID('all', { each: true })
  unionIds?: string[];
}

export class BooksSettingsDto {
  @ApiProperty({ title: '结转方式', enum: ['monthly', 'yearly'], description: '期末结转：每月结转，或只在年末（12 月）结转' })
  @IsIn(['monthly', 'yearly'])
  closingMode: 'monthly' | 'yearly';

  @ApiProperty({ title: '预算控制', enum: ['off', 'warn', 'block'], description: '报销审批、审核时的预算控制：不检查 / 提示 / 禁止超预算' })
  @IsIn(['off', 'warn', 'block'])
  budgetControl: 'off' | 'warn' | 'block';
}

export class BatchUnionResult {
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty({ description: '工会编码（不存在的工会为空）' }) code: string;
  @ApiProperty({ description: '工会名称（不存在的工会为空）' }) name: string;
}

export class BatchReason {
  @ApiProperty({ example: 'PERIOD_HAS_DRAFTS', description: '原因的错误码（与单户结账相同）' }) code: string;
  @ApiProperty({ example: '2026-03 还有 2 张未过账凭证，过账或删除后才能结账' }) message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '与错误码相关的数据，如 drafts、openPeriod' })
  details?: Record<string, unknown>;
}

export class BatchClosed extends BatchUnionResult {
  @ApiProperty({ type: PeriodResponse }) result: PeriodResponse;
}

export class BatchRefused extends BatchUnionResult {
  @ApiProperty({ type: [BatchReason], description: '未结账的原因（全部列出）' }) reasons: BatchReason[];
}

export class BatchWarned extends BatchUnionResult {
  @ApiProperty({ type: [BatchReason] }) warnings: BatchReason[];
}

export class BatchCloseResponse {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ description: '参与批量结账的工会数' }) unions: number;
  @ApiProperty({ type: [BatchClosed], description: '本次结账的工会' }) closed: BatchClosed[];
  @ApiProperty({ type: [BatchUnionResult], description: '此前已结账的工会' }) alreadyClosed: BatchUnionResult[];
  @ApiProperty({ type: [BatchRefused], description: '未能结账的工会及原因' }) refused: BatchRefused[];
  @ApiProperty({ type: [BatchWarned], description: '提示（如未达账项），不影响结账' }) warnings: BatchWarned[];
}

export class BooksSettingsResponse {
  @ApiProperty({ format: 'uuid' }) centerId: string;
  @ApiProperty({ enum: ['monthly', 'yearly'], description: '期末结转：每月或年末' }) closingMode: string;
  @ApiProperty({ enum: ['off', 'warn', 'block'], description: '预算控制：不检查 / 提示 / 禁止超预算' }) budgetControl: string;
  @ApiProperty({ nullable: true, type: String, description: '最近修改时间；未设置过时为 null（使用默认：每月结转、不检查预算）' }) updatedAt: string | null;
}
