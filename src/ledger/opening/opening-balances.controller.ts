import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../common/http/uuid.pipe';
import { OpeningBalancesResponse, SetOpeningBalancesDto } from './dto/opening-balances.dto';
import { OpeningBalancesService } from './opening-balances.service';

@ApiTags('opening-balances')
@Controller('api/unions/:unionId/opening-balances')
export class OpeningBalancesController {
  constructor(private readonly service: OpeningBalancesService) {}

  @Get()
  @ApiOkResponse({ type: OpeningBalancesResponse })
  get(@Param('unionId', UuidParam) unionId: string): Promise<OpeningBalancesResponse> {
    return this.service.get(unionId);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: OpeningBalancesResponse, description: '录入（整体替换）期初余额' })
  set(@Param('unionId', UuidParam) unionId: string, @Body() dto: SetOpeningBalancesDto): Promise<OpeningBalancesResponse> {
    return this.service.set(unionId, dto);
  }
}
