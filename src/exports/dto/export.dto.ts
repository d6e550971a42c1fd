import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { PERIOD_PATTERN } from '../../common/period';
import { ExportKinds } from '../export-kinds';

export class ExportRangeDto {
  @ApiProperty({ example: '2026-01' })
  @Matches(PERIOD_PATTERN, { message: 'from 格式应为 YYYY-MM' })
  from: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(PERIOD_PATTERN, { message: 'to 格式应为 YYYY-MM' })
  to: string;
}

export class ExportRequestDto extends ExportRangeDto {
  @ApiProperty({ enum: ExportKinds, description: 'audit-pack：全部账表合为一个工作簿，含封面与完整性校验' })
  @IsIn(ExportKinds)
  kind: (typeof ExportKinds)[number];
}
