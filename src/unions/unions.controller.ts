import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/http/uuid.pipe';
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
  @ApiCreatedResponse({ type: CenterResponse })
  async create(@Body() dto: CreateCenterDto): Promise<CenterResponse> {
    return presentCenter(await this.service.createCenter(dto));
  }

  @Get()
  @ApiOkResponse({ type: [CenterResponse] })
  async list(): Promise<CenterResponse[]> {
    return (await this.service.listCenters()).map(presentCenter);
  }
}

@ApiTags('unions')
@Controller('api/unions')
export class UnionsController {
  constructor(private readonly service: UnionsService) {}

  @Post()
  @ApiCreatedResponse({ type: UnionResponse })
  async create(@Body() dto: CreateUnionDto): Promise<UnionResponse> {
    return presentUnion(await this.service.createUnion(dto));
  }

  @Get()
  async list(@Query() query: ListUnionsQuery): Promise<Page<UnionResponse>> {
    const page = await this.service.listUnions(query);
    return { ...page, items: page.items.map(presentUnion) };
  }

  @Get(':unionId')
  @ApiOkResponse({ type: UnionResponse })
  async get(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.getUnion(unionId));
  }

  @Patch(':unionId')
  @ApiOkResponse({ type: UnionResponse })
  async update(@Param('unionId', UuidParam) unionId: string, @Body() dto: UpdateUnionDto): Promise<UnionResponse> {
    return presentUnion(await this.service.updateUnion(unionId, dto));
  }

  @Post(':unionId/suspend')
  @HttpCode(200)
  async suspend(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'suspend'));
  }

  @Post(':unionId/resume')
  @HttpCode(200)
  async resume(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'resume'));
  }

  @Post(':unionId/withdraw')
  @HttpCode(200)
  async withdraw(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'withdraw'));
  }
}
