import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/http/uuid.pipe';
import { Authenticated, Permission } from '../auth/permission.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/http/pagination.dto';
import { CenterResponse, CreateCenterDto } from './dto/center.dto';
import { CreateUnionDto, ListUnionsQuery, UnionResponse, UpdateUnionDto } from './dto/union.dto';
import { presentCenter, presentUnion } from './unions.presenter';
import { UnionsService } from './unions.service';

@ApiTags('centers')
@Controller('api/centers')
export class CentersController {
  constructor(private readonly service: UnionsService) {}

  @Post()
  @Permission('centers:manage')
  @ApiCreatedResponse({ type: CenterResponse })
  async create(@Body() dto: CreateCenterDto, @CurrentActor() actor: Actor): Promise<CenterResponse> {
    return presentCenter(await this.service.createCenter(dto, actor));
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [CenterResponse], description: '本人授权范围内的核算中心' })
  async list(@CurrentPrincipal() principal: Principal): Promise<CenterResponse[]> {
    return (await this.service.listCenters(principal)).map(presentCenter);
  }
}

@ApiTags('unions')
@Controller('api/unions')
export class UnionsController {
  constructor(private readonly service: UnionsService) {}

  @Post()
  @Permission('unions:manage')
  @ApiCreatedResponse({ type: UnionResponse })
  async create(@Body() dto: CreateUnionDto, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<UnionResponse> {
    return presentUnion(await this.service.createUnion(dto, actor, principal));
  }

  @Get()
  @Permission('unions:read')
  @ApiOkResponse({ description: '本人授权范围内的工会' })
  async list(@Query() query: ListUnionsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<UnionResponse>> {
    const page = await this.service.listUnions(query, principal);
    return { ...page, items: page.items.map(presentUnion) };
  }

  @Get(':unionId')
  @Permission('unions:read')
  @ApiOkResponse({ type: UnionResponse })
  async get(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.getUnion(unionId));
  }

  @Patch(':unionId')
  @Permission('unions:manage')
  @ApiOkResponse({ type: UnionResponse })
  async update(@Param('unionId', UuidParam) unionId: string, @Body() dto: UpdateUnionDto, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.updateUnion(unionId, dto, actor));
  }

  @Post(':unionId/suspend')
  @HttpCode(200)
  @Permission('unions:manage')
  async suspend(@Param('unionId', UuidParam) unionId: string, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'suspend', actor));
  }

  @Post(':unionId/resume')
  @HttpCode(200)
  @Permission('unions:manage')
  async resume(@Param('unionId', UuidParam) unionId: string, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'resume', actor));
  }
}
