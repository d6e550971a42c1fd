import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/permission.decorator';
import { DATABASE_RUNTIME, DatabaseRuntime } from '../database/database.module';
import { MigrationsIndicator } from './migrations.indicator';

/**
 * Probes for process managers and load balancers: live = the process answers (restart it if not); ready =
 * it can serve (database reachable, schema current; send it traffic only then). /health is ready's old name.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly migrations: MigrationsIndicator,
    @Inject(DATABASE_RUNTIME) private readonly runtime: DatabaseRuntime,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '运行状态（同 /health/ready）', description: '数据库可达且迁移已全部执行时 200，否则 503；保留给已有的监控配置。' })
  getHealth(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.answer(reply, this.readiness());
  }

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '存活检查', description: '进程能应答即 200，不访问数据库；失败时应重启进程。' })
  getLiveness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.answer(reply, [() => this.indicators.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '就绪检查', description: '数据库可达且本版本的迁移已全部执行时 200，否则 503；负载均衡只应把请求发给就绪的进程。' })
  getReadiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.answer(reply, this.readiness());
  }

  private readiness(): HealthIndicatorFunction[] {
    return [
      () => this.db.pingCheck('database', { timeout: 3000 }),
      () => this.migrations.check('migrations'),
      () => this.indicators.check('databaseServer').up({ mode: this.runtime.embedded ? 'embedded' : 'external' }),
    ];
  }

  /** A failed check answers 503 with the checks' own report (what is down and why), not a generic error. */
  private async answer(reply: FastifyReply, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      void reply.status(503);
      return err.getResponse() as HealthCheckResult;
    }
  }
}
