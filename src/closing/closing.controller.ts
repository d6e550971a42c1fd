import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { PeriodParam } from '../common/http/period.pipe';
import { UuidParam } from '../common/http/uuid.pipe';
import { PeriodResponse, ReopenPeriodDto } from '../ledger/periods/dto/period.dto';
import { BatchCloseService } from './batch-close.service';
import { BooksSettingsService } from './books-settings.service';
import { ClosingService } from './closing.service';
import { YearResponse } from './dto/year.dto';
import { YearsService } from './years.service';
import { YearParam } from '../common/http/year.pipe';
import { BatchCloseDto, BatchCloseResponse, BooksSettingsDto, ClosePeriodDto } from './dto/closing.dto';

@ApiTags('periods')
@Controller('api/unions/:unionId/periods')
export class ClosingController {
  constructor(private readonly closing: ClosingService) {}

  @Post(':period/close')
  @HttpCode(200)
  @ApiOkResponse({ type: PeriodResponse, description: '结账：生成并过账折旧、期末结转（12 月另有年终结转）凭证；已结账的月份再次结账不作任何改变' })
  @Permission('periods:close')
  close(
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
  @ApiOkResponse({ type: PeriodResponse, description: '反结账（须填写原因）：红字冲销该月的结转凭证' })
  @Permission('periods:reopen')
  reopen(
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
  @ApiOkResponse({ type: YearResponse, description: '年度状态、结转记录与冻结的报表' })
  get(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number): Promise<YearResponse> {
    return this.years.get(unionId, year);
  }

  @Post(':year/close')
  @HttpCode(200)
  @Permission('periods:close')
  @ApiOkResponse({ type: YearResponse, description: '年度结转：各月（含 12 月年终结转）全部结账后，冻结本年度报表' })
  close(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number, @CurrentActor() actor: Actor): Promise<YearResponse> {
    return this.years.close(unionId, year, actor);
  }

  @Post(':year/reopen')
  @HttpCode(200)
  @Permission('periods:reopen')
  @ApiOkResponse({ type: YearResponse, description: '反结转年度（须填写原因）：同时反结账 12 月、冲销其结转凭证' })
  reopen(
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
  @ApiOkResponse({ type: BatchCloseResponse, description: '批量结账：本中心（或所列）工会逐一结账，逐户报告结果与未结账原因' })
  @Permission('periods:close')
  closeAll(
    @Param('centerId', UuidParam) centerId: string,
    @Param('period', PeriodParam) period: string,
    @Body() dto: BatchCloseDto,
    @CurrentActor() actor: Actor,
  ): Promise<BatchCloseResponse> {
    return this.batch.closeCenter(centerId, period, dto.unionIds, actor);
  }

  @Get('books-settings')
  @Permission('books:read')
  @ApiOkResponse({ description: '结转方式与预算控制' })
  get(@Param('centerId', UuidParam) centerId: string) {
    return this.settings.get(centerId);
  }

  @Put('books-settings')
  @Permission('books:configure')
  @ApiOkResponse({ description: '保存结转方式与预算控制' })
  save(@Param('centerId', UuidParam) centerId: string, @Body() dto: BooksSettingsDto, @CurrentActor() actor: Actor) {
    return this.settings.save(centerId, dto, actor);
  }
}
