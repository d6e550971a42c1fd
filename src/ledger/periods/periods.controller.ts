import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-docs.decorators';
import { PeriodParam } from '../../common/http/period.pipe';
import { Permission } from '../../auth/permission.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { ListPeriodsQuery, PeriodResponse } from './dto/period.dto';
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
}
