import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../common/openapi/api-docs.decorators';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid.pipe';
import { AddGrantDto, CreateUserDto, ListUsersQuery, ResetPasswordDto, UserResponse } from './dto/users.dto';
import { Permission } from './permission.decorator';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('users:manage')
  @ApiOperation({ summary: '用户列表', description: '全部用户及其授权，可按用户名或姓名查找，分页。' })
  @ApiPageResponse(UserResponse, '用户，分页')
  listUsers(@Query() q: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(q.page, q.pageSize, q.q);
  }

  @Post()
  @Permission('users:manage')
  @ApiOperation({ summary: '新建用户', description: '省略密码则生成一个，只在本次响应的 temporaryPassword 中返回一次，首次登录须修改。' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiExamples(CreateUserDto, { 生成初始密码: { username: 'zhang.kuaiji', displayName: '张会计' } })
  @ApiErrors('USERNAME_TAKEN', 'PASSWORD_POLICY')
  createUser(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get(':userId')
  @Permission('users:manage')
  @ApiOperation({ summary: '用户详情', description: '状态、锁定时间和全部授权。' })
  @ApiOkResponse({ type: UserResponse })
  getUser(@Param('userId', UuidParam) userId: string): Promise<UserResponse> {
    return this.users.get(userId);
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @Permission('users:manage')
  @ApiOperation({ summary: '停用用户', description: '停用后其令牌在 15 秒内失效；不能停用自己或最后一位系统管理员。' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors('SELF_DISABLE', 'LAST_ADMIN')
  disableUser(@Param('userId', UuidParam) userId: string, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.setStatus(actor, userId, 'disabled');
  }

  @Post(':userId/enable')
  @HttpCode(200)
  @Permission('users:manage')
  @ApiOperation({ summary: '启用用户', description: '重新启用已停用的用户。' })
  @ApiOkResponse({ type: UserResponse })
  enableUser(@Param('userId', UuidParam) userId: string, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.setStatus(actor, userId, 'active');
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  @Permission('users:manage')
  @ApiOperation({ summary: '重置密码', description: '重置密码并解除锁定；省略密码则生成一个（只返回一次），用户下次登录须修改。' })
  @ApiOkResponse({ type: UserResponse, description: '用户（生成密码时含 temporaryPassword）' })
  @ApiExamples(ResetPasswordDto, { 生成新密码: {} })
  @ApiErrors('PASSWORD_POLICY')
  resetPassword(@Param('userId', UuidParam) userId: string, @Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.resetPassword(actor, userId, dto);
  }

  @Post(':userId/grants')
  @Permission('users:manage')
  @ApiOperation({
    summary: '授权',
    description: '授予一个角色：中心级角色（主任、会计、出纳、审计）指定中心，工会级角色（主席、报账员、审计）指定工会。不能给自己授权；同一人在同一中心不能兼任出纳和会计。',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiExamples(AddGrantDto, {
    中心会计: { role: 'accountant', centerId: '01936f3e-0000-7000-8000-000000000001' },
    工会报账员: { role: 'clerk', unionId: '01936f3e-0000-7000-8000-000000000002' },
  })
  @ApiErrors('GRANT_SCOPE_INVALID', 'GRANT_EXISTS', 'SOD_INCOMPATIBLE_GRANTS', 'CENTER_NOT_FOUND')
  addGrant(@Param('userId', UuidParam) userId: string, @Body() dto: AddGrantDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.addGrant(actor, userId, dto);
  }

  @Delete(':userId/grants/:grantId')
  @Permission('users:manage')
  @ApiOperation({ summary: '撤销授权', description: '撤销一项授权；不能撤销最后一位系统管理员的授权。' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors('LAST_ADMIN')
  removeGrant(
    @Param('userId', UuidParam) userId: string,
    @Param('grantId', UuidParam) grantId: string,
    @CurrentActor() actor: Actor,
  ): Promise<UserResponse> {
    return this.users.removeGrant(actor, userId, grantId);
  }
}
