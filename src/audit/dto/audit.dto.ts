import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';

export class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ title: '用户', description: '用户名或用户 id' })
  @IsOptional() @IsString() @Length(1, 64)
  user?: string;

  @ApiPropertyOptional({ title: '动作', example: 'voucher.post', description: '动作；也可只写前缀，如 voucher' })
  @IsOptional() @Matches(/^[a-z]+(\.[a-z]+)*$/, { message: '格式应如 voucher.post' })
  action?: string;

  @ApiPropertyOptional({ title: '起始时间', example: '2026-03-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ title: '截止时间', example: '2026-04-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

export class AuditRecordResponse {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty() username: string;
  @ApiProperty({ example: 'voucher.post' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '变更前的内容' }) before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '变更后的内容' }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) clientIp: string | null;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}
