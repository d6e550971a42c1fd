import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PROJECT_CODE_PATTERN } from '../../vouchers/dto/voucher.dto';

export class CreateProjectDto {
  @ApiProperty({ example: 'P2026-01' })
  @Matches(PROJECT_CODE_PATTERN, { message: '项目编码只能包含字母、数字、下划线和连字符，最长 32 位' })
  code: string;

  @ApiProperty({ example: '2026 年职工书屋建设' })
  @IsString() @Length(1, 200)
  name: string;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ProjectResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}
