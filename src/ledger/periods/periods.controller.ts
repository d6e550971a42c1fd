import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
}
