import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, MeResponse, RefreshDto, TokenResponse } from './dto/auth.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { Authenticated, Public } from './permission.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: TokenResponse, description: '登录：密码连续错误多次将锁定账户一段时间' })
  @ApiTooManyRequestsResponse({ description: '同一地址登录过于频繁（每分钟 LOGIN_RATE_LIMIT 次），附 Retry-After' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.login(dto, { ip: req.ip ?? null, requestId: String(req.id) });
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: TokenResponse, description: '用刷新令牌换发新的令牌对；旧刷新令牌随即作废' })
  refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken, { ip: req.ip ?? null, requestId: String(req.id) });
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated({ duringPasswordChange: true })
  logout(@Body() dto: RefreshDto, @CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(dto.refreshToken, actor);
  }

  @Post('password')
  @HttpCode(200)
  @Authenticated({ duringPasswordChange: true })
  @ApiOkResponse({ type: TokenResponse, description: '修改本人密码；其他登录随之失效，返回新的令牌对' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<TokenResponse> {
    return this.auth.changePassword(actor, dto);
  }

  @Get('me')
  @Authenticated({ duringPasswordChange: true })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.auth.me(actor.id!);
  }
}
