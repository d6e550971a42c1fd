import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { OpeningBalancesResponse, SetOpeningBalancesDto } from './dto/opening-balances.dto';
import { OpeningBalancesService } from './opening-balances.service';

@ApiTags('opening-balances')
@Controller('api/unions/:unionId/opening-balances')
export class OpeningBalancesController {
  constructor(private readonly service: OpeningBalancesService) {}

  @Get()
  @ApiOkResponse({ type: OpeningBalancesResponse })
  @Permission('books:read')
  get(@Param('unionId', UuidParam) unionId: string): Promise<OpeningBalancesResponse> {
    return this.service.get(unionId);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: OpeningBalancesResponse, description: '录入（整体替换）期初余额' })
  @Permission('opening:manage')
  set(@Param('unionId', UuidParam) unionId: string, @Body() dto: SetOpeningBalancesDto, @CurrentActor() actor: Actor): Promise<OpeningBalancesResponse> {
    return this.service.set(unionId, dto, actor);
  }
}
