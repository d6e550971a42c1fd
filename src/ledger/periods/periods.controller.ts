import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../../common/openapi/api-docs.decorators';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { PeriodParam } from '../../common/http/period.pipe';
import { Permission } from '../../auth/permission.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { ListPeriodsQuery, PeriodResponse, ReopenPeriodDto } from './dto/period.dto';
import { PeriodsService } from './periods.service';

@ApiTags('periods')
@Controller('api/unions/:unionId/periods')
export class PeriodsController {
  constructor(private readonly service: PeriodsService) {}

  @Get()
  @ApiOperation({ summary: '会计期间列表', description: '从启用期间起（或 from–to）的每个月：结账状态、草稿数、已过账凭证数。' })
  @ApiOkResponse({ type: [PeriodResponse] })
  @ApiErrors('PERIOD_RANGE_INVALID')
  @Permission('books:read')
  listPeriods(@Param('unionId', UuidParam) unionId: string, @Query() q: ListPeriodsQuery): Promise<PeriodResponse[]> {
    return this.service.list(unionId, q.from, q.to);
  }

  @Get(':period')
  @ApiOperation({ summary: '会计期间详情', description: '一个月的结账状态、凭证数，以及全部结账、反结账记录。' })
  @ApiOkResponse({ type: PeriodResponse })
  @Permission('books:read')
  getPeriod(@Param('unionId', UuidParam) unionId: string, @Param('period', PeriodParam) period: string): Promise<PeriodResponse> {
    return this.service.get(unionId, period);
  }

  @Post(':period/close')
  @HttpCode(200)
  @ApiOperation({
    summary: '结账',
    description: '月份结束后按顺序结账：之前的月份须已结账，本月不能留有草稿。结账后本月不能再录入或过账凭证。',
  })
  @ApiOkResponse({ type: PeriodResponse, description: '已结账的期间' })
  @ApiErrors('PERIOD_BEFORE_START', 'PERIOD_NOT_ENDED', 'PERIOD_ALREADY_CLOSED', 'PERIOD_EARLIER_OPEN', 'PERIOD_HAS_DRAFTS', 'UNION_WITHDRAWN')
  @Permission('periods:close')
  closePeriod(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    return this.service.close(unionId, period, actor);
  }

  @Post(':period/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: '反结账', description: '从最近结账的月份起逐月反结账，须填写原因；每次结账、反结账都留有记录。' })
  @ApiOkResponse({ type: PeriodResponse, description: '重新打开的期间' })
  @ApiExamples(ReopenPeriodDto, { 补记漏记收入: { reason: '补记 3 月漏记的会费收入' } })
  @ApiErrors('PERIOD_NOT_CLOSED', 'PERIOD_LATER_CLOSED', 'UNION_WITHDRAWN')
  @Permission('periods:reopen')
  reopenPeriod(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: ReopenPeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    return this.service.reopen(unionId, period, dto.reason, actor);
  }
}
