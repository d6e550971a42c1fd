import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { ArchiveScopes } from '../domain/archive-scope.rules';

export class CreateArchiveDto {
  @ApiProperty({ title: '归档范围', enum: ArchiveScopes, description: 'month：一个已结账的月份；year：一个已年终结账的年度' })
  @IsIn(ArchiveScopes)
  scope: (typeof ArchiveScopes)[number];

  @ApiProperty({ title: '期间', example: '2026-01', description: '月度写 YYYY-MM，年度写 YYYY' })
  @IsString()
  @Matches(/^(19|20|21)\d{2}(-(0[1-9]|1[0-2]))?$/, { message: '应写作 YYYY-MM（月度）或 YYYY（年度）' })
  period: string;
}

export class RetentionResponse {
  @ApiProperty({ enum: ['vouchers', 'books', 'monthly-report', 'annual-report', 'bank', 'register', 'other'], description: '档案类别' }) class: string;
  @ApiProperty({ nullable: true, type: 'integer', description: '保管年限；null 为永久' }) years: number | null;
  @ApiProperty({ nullable: true, type: String, description: '保管到期日（会计年度终了后起算）；null 为永久' }) until: string | null;
}

export class ArchivePackageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unionId: string;
  @ApiProperty({ enum: ['month', 'year', 'all'], description: '月度归档、年度归档、全部数据移交' }) scope: string;
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-01' }) to: string;
  @ApiProperty({ type: 'integer', description: '同一范围的第几版（重新归档生成新版本，旧版本保留）' }) version: number;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], description: '排队、生成中、完成、失败' }) state: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: 'zip 的字节数' }) fileSize: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'zip 的 SHA-256' }) sha256: string | null;
  @ApiProperty({ nullable: true, type: 'integer', description: '包内登记的文件数' }) itemCount: number | null;
  @ApiProperty({ type: [RetentionResponse], description: '各类档案的保管期限' }) retention: RetentionResponse[];
  @ApiProperty({ nullable: true, type: String, description: '失败原因' }) error: string | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

class AuthenticityResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ enum: ['valid', 'invalid', 'missing'], description: 'metadata.json 的签名' }) signature: string;
  @ApiProperty({ enum: ['valid', 'invalid', 'absent'], description: '账簿链检查点的签名' }) checkpoint: string;
  @ApiProperty({ nullable: true, type: String, description: '签名密钥指纹' }) fingerprint: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: '是否本中心信任的密钥' }) trusted: boolean | null;
}

class IntegrityCheckResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) listed: number;
  @ApiProperty({ type: 'integer' }) present: number;
  @ApiProperty({ type: [String], description: '登记了但缺少的文件' }) missing: string[];
  @ApiProperty({ type: [String], description: '未登记的多余文件' }) extra: string[];
  @ApiProperty({ type: [String], description: '哈希不符（被改动）的文件' }) tampered: string[];
}

class UsabilityResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [String], description: '无法按其类型打开的文件' }) unreadable: string[];
}

class SecurityResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [String], description: '不安全的条目（路径越界、重名、不允许的类型）' }) unsafe: string[];
}

class RegisterCheckResponse {
  @ApiProperty({ nullable: true, type: String, description: '档案包文件实际的 SHA-256' }) sha256: string | null;
  @ApiProperty({ description: '与登记簿记录的 SHA-256 是否一致' }) matches: boolean;
}

export class ArchiveVerificationResponse {
  @ApiProperty({ description: '四性检测全部通过' }) ok: boolean;
  @ApiProperty({ type: AuthenticityResponse, description: '真实性' }) authenticity: AuthenticityResponse;
  @ApiProperty({ type: IntegrityCheckResponse, description: '完整性' }) integrity: IntegrityCheckResponse;
  @ApiProperty({ type: UsabilityResponse, description: '可用性' }) usability: UsabilityResponse;
  @ApiProperty({ type: SecurityResponse, description: '安全性' }) security: SecurityResponse;
  @ApiProperty({ type: RegisterCheckResponse, description: '与档案登记簿的核对' }) register: RegisterCheckResponse;
  @ApiProperty({ type: [String], description: '发现的问题' }) problems: string[];
}
