import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import type { Page } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid.pipe';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../common/openapi/api-docs.decorators';
import { formatPeriod } from '../common/period';
import { CloseRun, CloseRunUnion } from './close-runs.repository';
import { CloseRunsService } from './close-runs.service';
import { CloseRunDetailResponse, CloseRunListQuery, CloseRunQuery, CloseRunResponse, CloseRunUnionResponse, StartCloseRunDto } from './dto/close-run.dto';

/** 批量结账 in the background: start a center's close run, follow its progress, list the center's runs. */
@ApiTags('periods')
@Controller('api/centers/:centerId/close-runs')
export class CloseRunsController {
  constructor(private readonly runs: CloseRunsService) {}

  @Post()
  @HttpCode(202)
  @Permission('periods:close')
  @ApiOperation({
    summary: '开始批量结账',
    description:
      '在后台为本中心（或所列）全部工会结账一个月份，各工会在自己的事务中逐一结账；立即返回本次批量结账，用“批量结账进度”查看进度和逐户结果。' +
      '同一中心同一月份的批量结账未完成时再次开始 409；服务重启后从未处理的工会继续。',
  })
  @ApiAcceptedResponse({ type: CloseRunResponse, description: '已排队的批量结账' })
  @ApiExamples(StartCloseRunDto, { 全部工会: { period: '2026-03' }, 指定工会: { period: '2026-03', unionIds: ['01936f3e-7a4b-7c2d-9e8f-0123456789ab'] } })
  @ApiErrors('PERIOD_NOT_ENDED', 'CLOSE_RUN_RUNNING', 'CLOSE_RUN_UNIONS_INVALID')
  async startCloseRun(@Param('centerId', UuidParam) centerId: string, @Body() dto: StartCloseRunDto, @CurrentActor() actor: Actor): Promise<CloseRunResponse> {
    return present(await this.runs.start(centerId, dto.period, dto.unionIds, actor));
  }

  @Get()
  @Permission('periods:close')
  @ApiOperation({ summary: '批量结账记录', description: '本中心的批量结账，新的在前：月份、发起人、状态和逐户结果的统计；可按月份筛选，分页。' })
  @ApiPageResponse(CloseRunResponse, '批量结账，分页')
  async listCloseRuns(@Param('centerId', UuidParam) centerId: string, @Query() query: CloseRunListQuery): Promise<Page<CloseRunResponse>> {
    const page = await this.runs.list(centerId, query);
    return { ...page, items: page.items.map(present) };
  }

  @Get(':runId')
  @Permission('periods:close')
  @ApiOperation({ summary: '批量结账进度', description: '一次批量结账的状态、进度和逐户结果（本次结账、此前已结账、未能结账及全部原因、系统错误），按工会编码排序，可按结果筛选，分页。' })
  @ApiOkResponse({ type: CloseRunDetailResponse })
  async getCloseRun(@Param('centerId', UuidParam) centerId: string, @Param('runId', UuidParam) runId: string, @Query() query: CloseRunQuery): Promise<CloseRunDetailResponse> {
    const { run, unions } = await this.runs.get(centerId, runId, query);
    return { ...present(run), unions: { ...unions, items: unions.items.map(presentUnion) } };
  }
}

function present(r: CloseRun): CloseRunResponse {
  const done = r.total - r.counts.pending;
  return {
    id: r.id,
    centerId: r.centerId,
    period: formatPeriod(r.period),
    state: r.state,
    progress: { total: r.total, done, percent: r.total === 0 ? 100 : Math.floor((done * 100) / r.total), ...r.counts },
    attempts: r.attempts,
    error: r.error,
    createdBy: r.createdByName,
    createdAt: new Date(r.createdAt).toISOString(),
    startedAt: r.startedAt ? new Date(r.startedAt).toISOString() : null,
    finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
  };
}

function presentUnion(u: CloseRunUnion): CloseRunUnionResponse {
  return { ...u, finishedAt: u.finishedAt ? new Date(u.finishedAt).toISOString() : null };
}
