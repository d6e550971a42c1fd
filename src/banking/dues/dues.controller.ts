import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { PERIOD_PATTERN } from '../../common/period';
import { readUpload } from '../files/upload';
import { DuesService } from './dues.service';

export class DuesPeriodQuery {
  @ApiPropertyOptional({ example: '2026-03' }) @IsOptional() @Matches(PERIOD_PATTERN, { message: '期间格式应为 YYYY-MM' })
  period?: string;
}

export class CenterDuesQuery {
  @ApiProperty({ example: '2026-03' }) @Matches(PERIOD_PATTERN, { message: '期间格式应为 YYYY-MM' })
  period: string;
}

/** 会费名册 of a union, and the center's view of every union's dues for a month. */
@ApiTags('banking')
@Controller('api')
export class DuesController {
  constructor(private readonly service: DuesService) {}

  @Post('unions/:unionId/dues-rolls')
  @Permission('receipts:record')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['period', 'file'],
      properties: {
        period: { type: 'string', example: '2026-03', description: '会费所属月份（字段须在文件之前）' },
        file: { type: 'string', format: 'binary', description: '.xlsx 或 .csv（GBK/UTF-8）：姓名、工资基数，可有会员编号' },
      },
    },
  })
  @ApiCreatedResponse({ description: '导入会费名册：逐人按中心规则计算会费；有任何错误行则整份拒收并列出每一行' })
  async importRoll(@Param('unionId', UuidParam) unionId: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor) {
    return this.service.importRoll(unionId, await readUpload(request), actor);
  }

  @Get('unions/:unionId/dues-rolls')
  @Permission('receipts:read')
  @ApiOkResponse({ description: '本工会的会费名册' })
  list(@Param('unionId', UuidParam) unionId: string, @Query() query: DuesPeriodQuery) {
    return this.service.list(unionId, query.period);
  }

  @Get('unions/:unionId/dues-rolls/:id')
  @Permission('receipts:read')
  @ApiOkResponse({ description: '会费名册及每位会员的工资基数和会费' })
  get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return this.service.get(unionId, id);
  }

  @Get('centers/:centerId/dues')
  @Permission('bank:read')
  @ApiOkResponse({ description: '各工会某月会费：名册人数、应收、已收及差额' })
  centerSummary(@Param('centerId', UuidParam) centerId: string, @Query() query: CenterDuesQuery) {
    return this.service.centerSummary(centerId, query.period);
  }
}
