import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Nested } from '../../../common/validation/nested.decorator';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { PageQuery } from '../../../common/http/pagination.dto';

export class StatementColumnsDto {
  @ApiProperty({ title: '日期列', example: '交易日期' }) @IsString() @Length(1, 50)
  date: string;

  @ApiPropertyOptional({ title: '收入金额列', example: '贷方发生额' }) @IsOptional() @IsString() @Length(1, 50)
  amountIn?: string;

  @ApiPropertyOptional({ title: '支出金额列', example: '借方发生额' }) @IsOptional() @IsString() @Length(1, 50)
  amountOut?: string;

  @ApiPropertyOptional({ title: '带符号的金额列', description: '正数收入、负数支出；与收入/支出列二选一' }) @IsOptional() @IsString() @Length(1, 50)
  amount?: string;

  @ApiProperty({ title: '余额列', example: '余额' }) @IsString() @Length(1, 50)
  balance: string;

  @ApiPropertyOptional({ title: '对方户名列', example: '对方户名' }) @IsOptional() @IsString() @Length(1, 50)
  counterpartName?: string;

  @ApiPropertyOptional({ title: '对方账号列', example: '对方账号' }) @IsOptional() @IsString() @Length(1, 50)
  counterpartAccount?: string;

  @ApiPropertyOptional({ title: '流水号列', example: '交易流水号' }) @IsOptional() @IsString() @Length(1, 50)
  reference?: string;

  @ApiPropertyOptional({ title: '摘要列', example: '摘要' }) @IsOptional() @IsString() @Length(1, 50)
  summary?: string;
}

export class StatementFormatDto {
  @ApiProperty({ title: '银行', example: '中国工商银行' }) @IsString() @Length(1, 100)
  bankName: string;

  @ApiProperty({ title: '格式名称', example: '企业网银明细导出' }) @IsString() @Length(1, 100)
  name: string;

  @ApiProperty({ title: '列对应', type: StatementColumnsDto }) @Nested(() => StatementColumnsDto)
  columns: StatementColumnsDto;
}

export class StatementColumnsResponse {
  @ApiProperty() date: string;
  @ApiPropertyOptional() amountIn?: string;
  @ApiPropertyOptional() amountOut?: string;
  @ApiPropertyOptional() amount?: string;
  @ApiProperty() balance: string;
  @ApiPropertyOptional() counterpartName?: string;
  @ApiPropertyOptional() counterpartAccount?: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional() summary?: string;
}

export class StatementFormatResponse {
  @ApiProperty() id: string;
  @ApiProperty() bankName: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StatementColumnsResponse }) columns: StatementColumnsResponse;
}

export class StatementImportResponse {
  @ApiProperty() id: string;
  @ApiProperty() bankAccountId: string;
  @ApiProperty() fileName: string;
  @ApiProperty() fileSha256: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) fileFormat: string;
  @ApiProperty({ nullable: true, type: String, description: '所用的对账单格式；null 为按常见表头识别' }) formatId: string | null;
  @ApiProperty({ description: '文件中的流水行数' }) lineCount: number;
  @ApiProperty({ description: '新导入的行数（其余为已导入过的流水）' }) newLines: number;
  @ApiProperty({ example: '2026-04-01' }) firstDate: string;
  @ApiProperty({ example: '2026-04-30' }) lastDate: string;
  @ApiProperty() importedByName: string;
  @ApiProperty() importedAt: string;
}

export class MatchCountsResponse {
  @ApiProperty({ description: '自动勾对并确认（高、中可信度）' }) confirmed: number;
  @ApiProperty({ description: '低可信度，待出纳确认' }) proposed: number;
}

export class ImportResultResponse {
  @ApiProperty({ type: StatementImportResponse }) statement: StatementImportResponse;
  @ApiProperty({ description: '已导入过、本次跳过的行数' }) duplicates: number;
  @ApiProperty({ type: MatchCountsResponse }) matched: MatchCountsResponse;
}

export class BankStatementLineResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: '在该账户对账单中的顺序' }) seq: number;
  @ApiProperty() statementId: string;
  @ApiProperty({ example: '2026-04-10' }) date: string;
  @ApiProperty({ example: '250000.00' }) amountIn: string;
  @ApiProperty({ example: '0.00' }) amountOut: string;
  @ApiProperty({ example: '1250000.00' }) balance: string;
  @ApiProperty({ nullable: true, type: String }) counterpartName: string | null;
  @ApiProperty({ nullable: true, type: String }) counterpartAccount: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String, description: '所在的勾对（待确认或已确认）' }) matchId: string | null;
}

export class StatementLinesQuery extends PageQuery {
  @ApiPropertyOptional({ title: '起始日期' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ title: '截止日期' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ title: '仅未勾对', enum: ['true', 'false'], description: 'true：只列出不在任何勾对中的流水' }) @IsOptional() @IsIn(['true', 'false'])
  unmatched?: 'true' | 'false';
}
