import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { PROJECT_CODE_FORMAT, PROJECT_CODE_PATTERN } from '../../vouchers/dto/voucher.dto';
import { IsOptionalNotNull } from '../../../common/validation/optional.decorator';

export class CreateProjectDto {
  @ApiProperty({ title: '项目编码', example: 'P2026-01' })
  @Matches(PROJECT_CODE_PATTERN, { message: PROJECT_CODE_FORMAT })
  code: string;

  @ApiProperty({ title: '项目名称', example: '2026 年职工书屋建设' })
  @IsString() @Length(1, 200)
  name: string;
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ title: '项目名称' }) @IsOptionalNotNull() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ title: '启用' }) @IsOptionalNotNull() @IsBoolean()
  active?: boolean;
}

export class ProjectResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}
