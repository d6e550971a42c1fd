import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, MeResponse, RefreshDto, TokenResponse } from './dto/auth.dto';
import { Authenticated, Public } from './permission.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: '登录',
    description: '用户名和密码换取访问令牌（Bearer，短期）和刷新令牌。密码连续错误多次将锁定账户一段时间；同一地址登录过于频繁时返回 429。',
  })
  @ApiOkResponse({ type: TokenResponse, description: '令牌对和当前用户' })
  @ApiExamples(LoginDto, { 管理员登录: { username: 'admin', password: 'initial-password-123' } })
  @ApiErrors('INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_DISABLED', 'TOO_MANY_REQUESTS')
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.login(dto, { ip: req.ip ?? null, requestId: String(req.id) });
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: '刷新令牌',
    description: '用刷新令牌换发新的令牌对；旧刷新令牌随即作废。已用过的刷新令牌再次出现时，整个登录作废（REFRESH_TOKEN_REUSED）。',
  })
  @ApiOkResponse({ type: TokenResponse, description: '新的令牌对' })
  @ApiExamples(RefreshDto, { 刷新: { refreshToken: 'Zq3v8mX1c0dE5fG7hJ9kL2nP4rS6tU8w' } })
  @ApiErrors('REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED', 'ACCOUNT_DISABLED', 'TOO_MANY_REQUESTS')
  refreshTokens(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken, { ip: req.ip ?? null, requestId: String(req.id) });
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ duringPasswordChange: true })
  @ApiOperation({ summary: '退出登录', description: '作废本人的这一刷新令牌所属的登录；访问令牌到期前仍然有效（最长 10 分钟）。' })
  @ApiNoContentResponse({ description: '已退出' })
  @ApiExamples(RefreshDto, { 退出: { refreshToken: 'Zq3v8mX1c0dE5fG7hJ9kL2nP4rS6tU8w' } })
  logout(@Body() dto: RefreshDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(dto.refreshToken, actor);
  }

  @Post('password')
  @HttpCode(200)
  @Authenticated({ duringPasswordChange: true })
  @ApiOperation({ summary: '修改本人密码', description: '须提供当前密码；新密码至少 10 个字符、不含用户名。其他登录随之失效，返回新的令牌对。' })
  @ApiOkResponse({ type: TokenResponse, description: '新的令牌对' })
  @ApiExamples(ChangePasswordDto, { 修改初始密码: { currentPassword: 'initial-password-123', newPassword: 'a-much-better-passphrase' } })
  @ApiErrors('INVALID_CREDENTIALS', 'PASSWORD_POLICY')
  changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<TokenResponse> {
    return this.auth.changePassword(actor, dto);
  }

  @Get('me')
  @Authenticated({ duringPasswordChange: true })
  @ApiOperation({ summary: '当前用户', description: '本人的用户信息和全部授权（角色与范围）。' })
  @ApiOkResponse({ type: MeResponse })
  getMe(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor.id!);
  }
}
