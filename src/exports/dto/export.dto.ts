import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ExportKinds } from '../export-kinds';
import { IsPeriod } from '../../common/validation/formats.decorator';

export class ExportRangeDto {
  @ApiProperty({ title: '起始期间', example: '2026-01' })
  @IsPeriod()
  from: string;

  @ApiProperty({ title: '截止期间', example: '2026-12' })
  @IsPeriod()
  to: string;
}

export class ExportRequestDto extends ExportRangeDto {
  @ApiProperty({ title: '导出内容', enum: ExportKinds, description: 'statements：工会01表、02表（全年为年报，否则为截止月份的月报）；budget-execution：截止月份所在年度的预算执行情况；audit-pack：全部账表合为一个工作簿，含封面与完整性校验' })
  @IsIn(ExportKinds)
  kind: (typeof ExportKinds)[number];
}

/** A background export: the workbook, and on request its PDFs beside it in one zip. */
export class CreateExportDto extends ExportRequestDto {
  @ApiPropertyOptional({
    title: '附 PDF',
    description:
      '为 true 时，文件是一个 zip：工作簿，以及同一时刻账簿的 PDF（审计资料包：各月记账凭证连封面，科目余额表、明细账、现金和银行存款日记账、01表/02表；其他种类：该账表）。不填为 false（不附）：PDF 的生成时间约为工作簿的 7–8 倍。',
  })
  @IsOptional()
  @IsBoolean()
  pdf?: boolean;
}

export class ExportJobResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '中心资料包为 null' }) unionId: string | null;
  @ApiProperty({ example: 'audit-pack', description: '导出种类（中心资料包为 center-pack）' }) kind: string;
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed', 'expired'], description: '排队、进行中、完成、失败、已过期' }) state: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: '进度百分比，完成前至多 99' }) percent: number;
  @ApiProperty({ type: 'integer', description: '已写入的行数' }) rowsDone: number;
  @ApiProperty({ nullable: true, type: 'integer', description: '预计总行数（开始后给出）' }) rowsTotal: number | null;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: '文件字节数' }) fileSize: number | null;
  @ApiProperty({ nullable: true, type: String, description: '文件的 SHA-256' }) sha256: string | null;
  @ApiProperty({ nullable: true, type: String, description: '失败原因' }) error: string | null;
  @ApiProperty({ type: 'integer', description: '已开始的次数（服务中断或数据库故障后自动重试）' }) attempts: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '文件保留到此时刻，之后删除' }) expiresAt: string | null;
}

export const EXPORT_REQUEST_EXAMPLES: Record<string, CreateExportDto> = {
  全年审计资料: { kind: 'audit-pack', from: '2026-01', to: '2026-12' },
  一个月的审计资料附PDF: { kind: 'audit-pack', from: '2026-03', to: '2026-03', pdf: true },
};
