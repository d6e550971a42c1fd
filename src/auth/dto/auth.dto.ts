import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ROLE_LABEL, Roles } from '../permissions';

export class LoginDto {
  @ApiProperty({ title: '用户名', example: 'admin' }) @IsString() @Length(1, 64)
  username: string;

  @ApiProperty({ title: '密码' }) @IsString() @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ title: '刷新令牌' }) @IsString() @Length(20, 200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ title: '当前密码' }) @IsString() @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ title: '新密码', description: '至少 10 个字符，不含用户名' }) @IsString() @Length(1, 128)
  newPassword: string;
}

export class GrantResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: Roles, description: Object.entries(ROLE_LABEL).map(([r, l]) => `${r} ${l}`).join('；') }) role: string;
  @ApiProperty({ nullable: true, type: String }) centerId: string | null;
  @ApiProperty({ nullable: true, type: String }) unionId: string | null;
}

export class MeResponse {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: '须先修改密码才能使用其他功能' }) mustChangePassword: boolean;
  @ApiProperty({ type: [GrantResponse] }) grants: GrantResponse[];
}

export class TokenResponse {
  @ApiProperty({ description: 'Bearer 访问令牌（JWT）' }) accessToken: string;
  @ApiProperty({ description: '刷新令牌：每次使用后作废并换发新的' }) refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: '访问令牌有效秒数' }) expiresIn: number;
  @ApiProperty({ type: MeResponse }) user: MeResponse;
}
