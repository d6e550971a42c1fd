import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';
import { IsPeriod } from '../../common/validation/formats.decorator';
import { ClosingVoucherResponse } from '../../ledger/periods/dto/period.dto';
import { BatchReason } from './closing.dto';

export const CLOSE_OUTCOMES = ['pending', 'closed', 'already', 'refused', 'failed'] as const;
export type CloseOutcomeKind = (typeof CLOSE_OUTCOMES)[number];

export class StartCloseRunDto {
  @ApiProperty({ title: '结账期间', example: '2026-03' })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ title: '工会', type: [String], description: '只结账这些工会；不填则为本中心全部工会' })
  @IsOptional() @IsArray() @ArrayMaxSize(10000) @IsUUID('all', { each: true })
  unionIds?: string[];
}

export class CloseRunListQuery extends PageQuery {
  @ApiPropertyOptional({ title: '结账期间', example: '2026-03', description: '只列这个月份的批量结账' })
  @IsOptional() @IsPeriod()
  period?: string;
}

export class CloseRunQuery extends PageQuery {
  @ApiPropertyOptional({ title: '结果', enum: CLOSE_OUTCOMES, description: '只列这种结果的工会：pending 待处理、closed 本次结账、already 此前已结账、refused 未能结账、failed 系统错误' })
  @IsOptional() @IsIn(CLOSE_OUTCOMES)
  outcome?: CloseOutcomeKind;
}

export class CloseRunProgress {
  @ApiProperty({ type: 'integer', description: '参与的工会数' }) total: number;
  @ApiProperty({ type: 'integer', description: '已处理的工会数' }) done: number;
  @ApiProperty({ type: 'integer', description: '完成百分比（0–100）' }) percent: number;
  @ApiProperty({ type: 'integer', description: '待处理' }) pending: number;
  @ApiProperty({ type: 'integer', description: '本次结账' }) closed: number;
  @ApiProperty({ type: 'integer', description: '此前已结账' }) already: number;
  @ApiProperty({ type: 'integer', description: '未能结账（有草稿、以前月份未结账等）' }) refused: number;
  @ApiProperty({ type: 'integer', description: '系统错误，未结账' }) failed: number;
}

export class CloseRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) centerId: string;
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], description: '排队中、进行中、已完成、失败（未处理的工会未结账）' }) state: string;
  @ApiProperty({ type: CloseRunProgress }) progress: CloseRunProgress;
  @ApiProperty({ type: 'integer', description: '运行次数（服务重启或出错后继续时加一）' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: '失败的原因' }) error: string | null;
  @ApiProperty({ description: '发起人' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class CloseRunUnionResponse {
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CLOSE_OUTCOMES }) outcome: string;
  @ApiProperty({ type: [BatchReason], description: '未能结账或失败的原因（全部列出）' }) reasons: BatchReason[];
  @ApiProperty({ type: [ClosingVoucherResponse], description: '本次结账生成的凭证' }) closingVouchers: ClosingVoucherResponse[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class CloseRunUnionsPage {
  @ApiProperty({ type: [CloseRunUnionResponse] }) items: CloseRunUnionResponse[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class CloseRunDetailResponse extends CloseRunResponse {
  @ApiProperty({ type: CloseRunUnionsPage, description: '各工会的结果，按工会编码排序，分页' }) unions: CloseRunUnionsPage;
}
