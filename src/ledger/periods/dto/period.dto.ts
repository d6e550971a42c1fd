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

export class ClosingVoucherResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '记-202603-0042' }) displayNumber: string;
  @ApiProperty({ enum: ['depreciation', 'period-end', 'carry-forward', 'finished-projects', 'surplus', 'reversal'], description: '折旧 / 期末结转 / 年终结转各步 / 反结账冲销' })
  kind: string;
}

export class PeriodResponse {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ description: '草稿凭证数' }) drafts: number;
  @ApiProperty({ description: '已过账凭证数' }) posted: number;
  @ApiPropertyOptional({ type: [PeriodEventResponse] }) events?: PeriodEventResponse[];
  @ApiPropertyOptional({ type: [ClosingVoucherResponse], description: '本次结账或反结账生成的凭证' })
  closingVouchers?: ClosingVoucherResponse[];
  @ApiPropertyOptional({ description: '该月此前已结账：本次请求未作任何改变' }) alreadyClosed?: boolean;
}
