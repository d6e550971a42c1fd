import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PeriodEventResponse } from '../../ledger/periods/dto/period.dto';

export class FrozenStatementResponse {
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ example: 'balance-sheet:annual', description: 'balance-sheet / income-expenditure，年报加 :annual' }) kind: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: '冻结报表内容的 SHA-256（同时记入审计日志）' }) sha256: string;
}

export class YearResponse {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ type: [PeriodEventResponse] }) events: PeriodEventResponse[];
  @ApiProperty({ type: [FrozenStatementResponse], description: '年度结转时冻结的月报和年报' }) frozenStatements: FrozenStatementResponse[];
  @ApiPropertyOptional({ description: '该年度此前已结转：本次请求未作任何改变' }) alreadyClosed?: boolean;
}
