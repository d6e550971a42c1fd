import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsPeriod } from '../../../common/validation/formats.decorator';

export class ReopenPeriodDto {
  @ApiProperty({ title: '反结账原因', example: '补记 3 月漏记的会费收入', description: '反结账原因（必填）' })
  @IsString() @Length(1, 500)
  reason: string;
}

export class ListPeriodsQuery {
  @ApiPropertyOptional({ title: '起始期间', example: '2026-01' })
  @IsOptional() @IsPeriod()
  from?: string;

  @ApiPropertyOptional({ title: '截止期间', example: '2026-12' })
  @IsOptional() @IsPeriod()
  to?: string;
}

export class PeriodEventResponse {
  @ApiProperty({ enum: ['close', 'reopen'] }) action: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() actor: string;
  @ApiProperty() at: string;
}

export class PeriodResponse {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ description: '草稿凭证数' }) drafts: number;
  @ApiProperty({ description: '已过账凭证数' }) posted: number;
  @ApiPropertyOptional({ type: [PeriodEventResponse] }) events?: PeriodEventResponse[];
}
