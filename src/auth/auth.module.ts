import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import { PrincipalsService } from './principals.service';
import { ACCESS_TOKEN_ALGORITHM, TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Logins, tokens, users and grants; the guard every route passes through. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(opts: { jwtSecret: string }): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key on every
        // verification and only then falls back to a secret; that failed parse cost a fifth of a request's CPU.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(opts.jwtSecret)),
          signOptions: { algorithm: ACCESS_TOKEN_ALGORITHM },
          verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM] },
        }),
        // only the routes that opt in (login, refresh) are limited; the counter is per client address, in this
        // process ('default' so that the block is announced as a plain Retry-After header)
        ThrottlerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.get<number>('LOGIN_RATE_LIMIT') ?? 100 }],
          }),
        }),
      ],
      controllers: [AuthController, UsersController],
      providers: [
        AuthService,
        UsersService,
        UsersRepository,
        PasswordService,
        TokensService,
        PrincipalsService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [PrincipalsService],
    };
  }
}
