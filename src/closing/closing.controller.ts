import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { PeriodParam } from '../common/http/period.pipe';
import { UuidParam } from '../common/http/uuid.pipe';
import { YearParam } from '../common/http/year.pipe';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import { PeriodResponse, ReopenPeriodDto } from '../ledger/periods/dto/period.dto';
import { BatchCloseService } from './batch-close.service';
import { BooksSettingsService } from './books-settings.service';
import { ClosingService } from './closing.service';
import { BatchCloseDto, BatchCloseResponse, BooksSettingsDto, BooksSettingsResponse, ClosePeriodDto } from './dto/closing.dto';
import { YearResponse } from './dto/year.dto';
import { YearsService } from './years.service';

@ApiTags('periods')
@Controller('api/unions/:unionId/periods')
export class ClosingController {
  constructor(private readonly closing: ClosingService) {}

  @Post(':period/close')
  @HttpCode(200)
  @ApiOperation({
    summary: '结账',
    description:
      '月份结束后（月末最后一天过后）按顺序结账：之前的月份须已结账，本月不能留有草稿和已审批待支付的报销单。结账生成并过账本月折旧、' +
      '期末结转（收入、支出按专项/非专项、按项目转入 32103/32203）凭证，12 月另按顺序生成年终结转凭证（可选择已完成的专项项目转入结余）。' +
      '已结账的月份再次结账不作任何改变。',
  })
  @ApiOkResponse({ type: PeriodResponse, description: '已结账的期间及本次生成的凭证' })
  @ApiExamples(ClosePeriodDto, { 普通月份: {}, '12 月：项目已完成': { finishedProjects: [{ project: 'P2026-01' }, { project: 'P2026-02', amount: '1200.00' }] } })
  @ApiErrors('PERIOD_BEFORE_START', 'PERIOD_NOT_ENDED', 'PERIOD_EARLIER_OPEN', 'PERIOD_HAS_DRAFTS', 'PERIOD_HAS_OPEN_CLAIMS', 'FINISHED_PROJECT_INVALID', 'UNION_WITHDRAWN')
  @Permission('periods:close')
  closePeriod(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: ClosePeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    const finishedProjects = dto.finishedProjects?.map((f) => ({ projectCode: f.project, amount: f.amount ? new Decimal(f.amount) : undefined }));
    return this.closing.close(unionId, period, actor, { finishedProjects });
  }

  @Post(':period/reopen')
  @HttpCode(200)
  @ApiOperation({
    summary: '反结账',
    description: '从最近结账的月份起逐月反结账，须填写原因：该月的结转凭证以红字冲销，再次结账时重新生成。已结转年度的月份须先反结转年度。',
  })
  @ApiOkResponse({ type: PeriodResponse, description: '重新打开的期间及冲销的结转凭证' })
  @ApiExamples(ReopenPeriodDto, { 补记漏记收入: { reason: '补记 3 月漏记的会费收入' } })
  @ApiErrors('PERIOD_NOT_CLOSED', 'PERIOD_LATER_CLOSED', 'YEAR_CLOSED', 'UNION_WITHDRAWN')
  @Permission('periods:reopen')
  reopenPeriod(
    @Param('unionId', UuidParam) unionId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: ReopenPeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodResponse> {
    return this.closing.reopen(unionId, period, dto.reason, actor);
  }
}

/** 结转下年: closing a year (its statements frozen) and reopening it. */
@ApiTags('periods')
@Controller('api/unions/:unionId/years')
export class YearsController {
  constructor(private readonly years: YearsService) {}

  @Get(':year')
  @Permission('books:read')
  @ApiOperation({ summary: '会计年度', description: '年度是否已结转、结转和反结转记录，以及结转时冻结的各月和年度报表（含 SHA-256）。' })
  @ApiOkResponse({ type: YearResponse })
  @ApiErrors('PERIOD_BEFORE_START')
  getYear(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number): Promise<YearResponse> {
    return this.years.get(unionId, year);
  }

  @Post(':year/close')
  @HttpCode(200)
  @Permission('periods:close')
  @ApiOperation({
    summary: '年度结转（结转下年）',
    description: '本年度各月（含完成年终结转的 12 月）全部结账后，冻结本年度的月报和年报；下年年初余额随之自动结转。已结转的年度再次结转不作改变。',
  })
  @ApiOkResponse({ type: YearResponse })
  @ApiErrors('YEAR_NOT_READY', 'PERIOD_BEFORE_START', 'UNION_WITHDRAWN')
  closeYear(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number, @CurrentActor() actor: Actor): Promise<YearResponse> {
    return this.years.close(unionId, year, actor);
  }

  @Post(':year/reopen')
  @HttpCode(200)
  @Permission('periods:reopen')
  @ApiOperation({
    summary: '反结转年度',
    description: '中心主任填写原因后反结转年度：以后的月份均未结账时才可；同时反结账 12 月、冲销其结转凭证，重新结账 12 月和年度时重做年终结转。',
  })
  @ApiOkResponse({ type: YearResponse })
  @ApiExamples(ReopenPeriodDto, { 更正上年账务: { reason: '更正 12 月会费收入的项目' } })
  @ApiErrors('YEAR_NOT_CLOSED', 'YEAR_LATER_ACTIVE', 'UNION_WITHDRAWN')
  reopenYear(
    @Param('unionId', UuidParam) unionId: string,
    @Param('year', YearParam) year: number,
    @Body() dto: ReopenPeriodDto,
    @CurrentActor() actor: Actor,
  ): Promise<YearResponse> {
    return this.years.reopen(unionId, year, dto.reason, actor);
  }
}

/** A center's closing: the batch close of a month, and its closing and budget settings. */
@ApiTags('periods')
@Controller('api/centers/:centerId')
export class CenterClosingController {
  constructor(
    private readonly batch: BatchCloseService,
    private readonly settings: BooksSettingsService,
  ) {}

  @Post('periods/:period/close')
  @HttpCode(200)
  @ApiOperation({
    summary: '批量结账',
    description:
      '本中心（或所列）全部工会逐一结账，各在自己的事务中，在本次请求内完成；逐户报告：本次结账、此前已结账、未能结账（列出全部原因）和提示。' +
      '一次最多 50 个工会（约几秒）；更多的工会请用后台批量结账（开始批量结账），否则 422。',
  })
  @ApiOkResponse({ type: BatchCloseResponse })
  @ApiExamples(BatchCloseDto, { 全部工会: {}, 指定工会: { unionIds: ['01936f3e-7a4b-7c2d-9e8f-0123456789ab'] } })
  @ApiErrors('CLOSE_BATCH_TOO_LARGE')
  @Permission('periods:close')
  closeCenterPeriod(
    @Param('centerId', UuidParam) centerId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: BatchCloseDto,
    @CurrentActor() actor: Actor,
  ): Promise<BatchCloseResponse> {
    return this.batch.closeCenter(centerId, period, dto.unionIds, actor);
  }

  @Get('books-settings')
  @Permission('books:read')
  @ApiOperation({ summary: '结转与预算设置', description: '本中心的期末结转方式（每月或年末）与报销的预算控制（不检查、提示、禁止超预算）。' })
  @ApiOkResponse({ type: BooksSettingsResponse })
  getBooksSettings(@Param('centerId', UuidParam) centerId: string): Promise<BooksSettingsResponse> {
    return this.settings.get(centerId);
  }

  @Put('books-settings')
  @Permission('books:configure')
  @ApiOperation({ summary: '保存结转与预算设置', description: '中心主任设置期末结转方式与预算控制；记入操作日志。' })
  @ApiOkResponse({ type: BooksSettingsResponse })
  @ApiExamples(BooksSettingsDto, { 每月结转并禁止超预算: { closingMode: 'monthly', budgetControl: 'block' } })
  saveBooksSettings(@Param('centerId', UuidParam) centerId: string, @Body() dto: BooksSettingsDto, @CurrentActor() actor: Actor): Promise<BooksSettingsResponse> {
    return this.settings.save(centerId, dto, actor);
  }
}
