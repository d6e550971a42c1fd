import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/http/pagination.dto';
import { Roles } from '../permissions';
import { GrantResponse } from './auth.dto';

export class CreateUserDto {
  @ApiProperty({ title: '用户名', example: 'zhang.kuaiji', description: '3–64 位小写字母、数字、点、下划线或连字符' })
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: '应为 3–64 位小写字母、数字、点、下划线或连字符' })
  username: string;

  @ApiProperty({ title: '姓名', example: '张会计' }) @IsString() @Length(1, 100)
  displayName: string;

  @ApiPropertyOptional({ title: '初始密码', description: '初始密码；省略则生成一个，仅在本次响应中返回，首次登录须修改' })
  @IsOptional() @IsString() @Length(1, 128)
  password?: string;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({ title: '新密码', description: '新密码；省略则生成一个，仅在本次响应中返回' })
  @IsOptional() @IsString() @Length(1, 128)
  newPassword?: string;
}

export class AddGrantDto {
  @ApiProperty({ title: '角色', enum: Roles }) @IsIn(Roles)
  role: (typeof Roles)[number];

  @ApiPropertyOptional({ title: '核算中心', format: 'uuid', description: '中心级角色（主任、会计、出纳、中心审计）' })
  @IsOptional() @IsUUID()
  centerId?: string;

  @ApiPropertyOptional({ title: '工会', format: 'uuid', description: '工会级角色（工会主席、报账员、工会审计）' })
  @IsOptional() @IsUUID()
  unionId?: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ title: '关键字' }) @IsOptional() @IsString() @Length(1, 64)
  q?: string;
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) lockedUntil: string | null;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [GrantResponse] }) grants: GrantResponse[];
  @ApiPropertyOptional({ description: '仅在生成密码时返回一次' }) temporaryPassword?: string;
}
