import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
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
  @ApiProperty({ title: '导出内容', enum: ExportKinds, description: 'audit-pack：全部账表合为一个工作簿，含封面与完整性校验' })
  @IsIn(ExportKinds)
  kind: (typeof ExportKinds)[number];
}
