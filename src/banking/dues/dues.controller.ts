import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-docs.decorators';
import type { FastifyRequest } from 'fastify';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { readUpload } from '../files/upload';
import { CenterDuesQuery, CenterDuesRowResponse, DuesPeriodQuery, DuesRollDetailResponse, DuesRollResponse } from './dto/dues.dto';
import { DuesService } from './dues.service';


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
  @ApiOperation({ summary: '导入会费名册', description: '逐人按中心规则计算会费（工资基数取整、比例、舍入）；有任何错误行则整份拒收，逐行列出错误。' })
  @ApiCreatedResponse({ type: DuesRollDetailResponse })
  @ApiErrors('DUES_ROLL_INVALID', 'FILE_UNREADABLE', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  async importDuesRoll(@Param('unionId', UuidParam) unionId: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor): Promise<DuesRollDetailResponse> {
    return this.service.importRoll(unionId, await readUpload(request), actor);
  }

  @Get('unions/:unionId/dues-rolls')
  @Permission('receipts:read')
  @ApiOperation({ summary: '会费名册列表', description: '本工会的会费名册，按月份倒序；可按月份筛选。' })
  @ApiOkResponse({ type: [DuesRollResponse] })
  listDuesRolls(@Param('unionId', UuidParam) unionId: string, @Query() query: DuesPeriodQuery): Promise<DuesRollResponse[]> {
    return this.service.list(unionId, query.period);
  }

  @Get('unions/:unionId/dues-rolls/:id')
  @Permission('receipts:read')
  @ApiOperation({ summary: '会费名册', description: '会费名册及每位会员的工资、计费基数和会费。' })
  @ApiOkResponse({ type: DuesRollDetailResponse })
  getDuesRoll(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<DuesRollDetailResponse> {
    return this.service.get(unionId, id);
  }

  @Get('centers/:centerId/dues')
  @Permission('bank:read')
  @ApiOperation({ summary: '各工会会费情况', description: '某月各工会的会费：名册人数、应收、已收（未作废的会费收款）及差额。' })
  @ApiOkResponse({ type: [CenterDuesRowResponse] })
  getCenterDues(@Param('centerId', UuidParam) centerId: string, @Query() query: CenterDuesQuery): Promise<CenterDuesRowResponse[]> {
    return this.service.centerSummary(centerId, query.period);
  }
}
