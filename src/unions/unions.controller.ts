import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../common/http/uuid.pipe';
import { Authenticated, Permission } from '../auth/permission.decorator';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../common/openapi/api-docs.decorators';
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
  @ApiOperation({ summary: '新建核算中心', description: '系统管理员建立一个工会经费集中核算服务中心；编码唯一。' })
  @ApiCreatedResponse({ type: CenterResponse })
  @ApiExamples(CreateCenterDto, { 市总工会核算中心: { code: 'HZ-001', name: '杭州市总工会工会经费集中核算服务中心' } })
  @ApiErrors('CENTER_CODE_TAKEN')
  async createCenter(@Body() dto: CreateCenterDto, @CurrentActor() actor: Actor): Promise<CenterResponse> {
    return presentCenter(await this.service.createCenter(dto, actor));
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: '核算中心列表', description: '本人有授权的核算中心（系统管理员看到全部）。' })
  @ApiOkResponse({ type: [CenterResponse], description: '本人授权范围内的核算中心' })
  async listCenters(@CurrentPrincipal() principal: Principal): Promise<CenterResponse[]> {
    return (await this.service.listCenters(principal)).map(presentCenter);
  }
}

@ApiTags('unions')
@Controller('api/unions')
export class UnionsController {
  constructor(private readonly service: UnionsService) {}

  @Post()
  @Permission('unions:manage')
  @ApiOperation({
    summary: '新建工会（建账）',
    description: '在本人管理的核算中心下为一个基层工会建账：按科目表模板生成科目，设立其在集中核算户中的份额科目 10201。',
  })
  @ApiCreatedResponse({ type: UnionResponse })
  @ApiExamples(CreateUnionDto, {
    基层工会: {
      centerId: '01936f3e-0000-7000-8000-000000000001',
      code: '91330100MA2XXXXX0X',
      name: '某某有限公司工会委员会',
      chartTemplate: 'grassroots',
      firstPeriod: '2026-01',
      voucherNumbering: 'general',
      agreementNumber: 'WT-2026-001',
      agreementDate: '2025-12-20',
    },
  })
  @ApiErrors('CENTER_NOT_FOUND', 'UNION_CODE_TAKEN', 'NO_POOLED_ACCOUNT')
  async createUnion(@Body() dto: CreateUnionDto, @CurrentActor() actor: Actor, @CurrentPrincipal() principal: Principal): Promise<UnionResponse> {
    return presentUnion(await this.service.createUnion(dto, actor, principal));
  }

  @Get()
  @Permission('unions:read')
  @ApiOperation({ summary: '工会列表', description: '本人授权范围内的工会，可按中心、状态、名称或编码筛选，分页。' })
  @ApiPageResponse(UnionResponse, '本人授权范围内的工会')
  async listUnions(@Query() query: ListUnionsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<UnionResponse>> {
    const page = await this.service.listUnions(query, principal);
    return { ...page, items: page.items.map(presentUnion) };
  }

  @Get(':unionId')
  @Permission('unions:read')
  @ApiOperation({ summary: '工会详情', description: '建账信息、状态、凭证编号方式和委托代管协议。' })
  @ApiOkResponse({ type: UnionResponse })
  async getUnion(@Param('unionId', UuidParam) unionId: string): Promise<UnionResponse> {
    return presentUnion(await this.service.getUnion(unionId));
  }

  @Patch(':unionId')
  @Permission('unions:manage')
  @ApiOperation({ summary: '修改工会信息', description: '名称、委托代管协议；凭证编号方式只能在首张凭证过账前修改。已撤销的工会只读。' })
  @ApiOkResponse({ type: UnionResponse })
  @ApiExamples(UpdateUnionDto, { 改名: { name: '某某股份有限公司工会委员会' }, 收付转分别编号: { voucherNumbering: 'typed' } })
  @ApiErrors('UNION_WITHDRAWN', 'UNION_BOOKS_STARTED')
  async updateUnion(@Param('unionId', UuidParam) unionId: string, @Body() dto: UpdateUnionDto, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.updateUnion(unionId, dto, actor));
  }

  @Post(':unionId/suspend')
  @HttpCode(200)
  @Permission('unions:manage')
  @ApiOperation({ summary: '暂停工会', description: '正常 → 暂停；可恢复。' })
  @ApiOkResponse({ type: UnionResponse })
  @ApiErrors('UNION_STATUS_TRANSITION')
  async suspendUnion(@Param('unionId', UuidParam) unionId: string, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'suspend', actor));
  }

  @Post(':unionId/resume')
  @HttpCode(200)
  @Permission('unions:manage')
  @ApiOperation({ summary: '恢复工会', description: '暂停 → 正常。' })
  @ApiOkResponse({ type: UnionResponse })
  @ApiErrors('UNION_STATUS_TRANSITION')
  async resumeUnion(@Param('unionId', UuidParam) unionId: string, @CurrentActor() actor: Actor): Promise<UnionResponse> {
    return presentUnion(await this.service.transition(unionId, 'resume', actor));
  }
}
