import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  list(@Query() q: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(q.page, q.pageSize, q.q);
  }

  @Post()
  @Permission('users:manage')
  @ApiCreatedResponse({ type: UserResponse })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get(':userId')
  @Permission('users:manage')
  @ApiOkResponse({ type: UserResponse })
  get(@Param('userId', UuidParam) userId: string): Promise<UserResponse> {
    return this.users.get(userId);
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @Permission('users:manage')
  disable(@Param('userId', UuidParam) userId: string, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.setStatus(actor, userId, 'disabled');
  }

  @Post(':userId/enable')
  @HttpCode(200)
  @Permission('users:manage')
  enable(@Param('userId', UuidParam) userId: string, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.setStatus(actor, userId, 'active');
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  @Permission('users:manage')
  @ApiOkResponse({ type: UserResponse, description: '重置密码（并解除锁定）；省略密码则生成一个，首次登录须修改' })
  resetPassword(@Param('userId', UuidParam) userId: string, @Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.resetPassword(actor, userId, dto);
  }

  @Post(':userId/grants')
  @Permission('users:manage')
  @ApiCreatedResponse({ type: UserResponse })
  addGrant(@Param('userId', UuidParam) userId: string, @Body() dto: AddGrantDto, @CurrentActor() actor: Actor): Promise<UserResponse> {
    return this.users.addGrant(actor, userId, dto);
  }

  @Delete(':userId/grants/:grantId')
  @Permission('users:manage')
  @ApiOkResponse({ type: UserResponse })
  removeGrant(
    @Param('userId', UuidParam) userId: string,
    @Param('grantId', UuidParam) grantId: string,
    @CurrentActor() actor: Actor,
  ): Promise<UserResponse> {
    return this.users.removeGrant(actor, userId, grantId);
  }
}
