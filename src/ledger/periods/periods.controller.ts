import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: [PeriodResponse] })
  @Permission('books:read')
  list(@Param('unionId', UuidParam) unionId: string, @Query() q: ListPeriodsQuery): Promise<PeriodResponse[]> {
    return this.service.list(unionId, q.from, q.to);
  }

  @Get(':period')
  @ApiOkResponse({ type: PeriodResponse })
  @Permission('books:read')
  get(@Param('unionId', UuidParam) unionId: string, @Param('period', PeriodParam) period: string): Promise<PeriodResponse> {
    return this.service.get(unionId, period);
  }

  @Post(':period/close')
  @HttpCode(200)
  @ApiOkResponse({ type: PeriodResponse, description: '结账' })
  @Permission('periods:close')
  close(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    return this.service.close(unionId, period, actor);
  }

  @Post(':period/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: PeriodResponse, description: '反结账（须填写原因）' })
  @Permission('periods:reopen')
  reopen(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: ReopenPeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    return this.service.reopen(unionId, period, dto.reason, actor);
  }
}
