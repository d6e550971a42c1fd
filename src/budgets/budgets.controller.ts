import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { YearParam } from '../common/http/year.pipe';
import { BudgetExecutionService } from './budget-execution.service';
import { StoredBudget } from './budgets.repository';
import { BudgetsService } from './budgets.service';
import { BudgetLine } from './domain/budget.rules';
import { AdjustBudgetDto, ApproveBudgetDto, BudgetLineDto, CreateBudgetDto, ExecutionQuery, UpdateBudgetDto } from './dto/budget.dto';

/** 预算: a union's annual budget in versions, its approval and adjustments, and its execution. */
@ApiTags('budgets')
@Controller('api/unions/:unionId')
export class BudgetsController {
  constructor(
    private readonly budgets: BudgetsService,
    private readonly executions: BudgetExecutionService,
  ) {}

  @Get('budgets')
  @Permission('books:read')
  @ApiQuery({ name: 'year', required: false, example: '2026' })
  @ApiOkResponse({ description: '预算各版本（含调整），新版在前' })
  async listBudgets(@Param('unionId', UuidParam) unionId: string, @Query('year') year?: string) {
    return (await this.budgets.list(unionId, /^\d{4}$/.test(year ?? '') ? Number(year) : undefined)).map((b) => presentHeader(b));
  }

  @Post('budgets')
  @Permission('budgets:manage')
  @ApiCreatedResponse({ description: '编制年度预算（草稿）' })
  async createBudget(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.create(unionId, dto.year, lines(dto.lines), actor));
  }

  @Post('budgets/adjustments')
  @Permission('budgets:manage')
  @ApiCreatedResponse({ description: '预算调整：以现行预算为基础新建一版草稿，须填写原因' })
  async adjustBudget(@Param('unionId', UuidParam) unionId: string, @Body() dto: AdjustBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.adjust(unionId, dto.year, dto.reason, dto.lines && lines(dto.lines), actor));
  }

  @Get('budgets/:id')
  @Permission('books:read')
  async getBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return present(await this.budgets.get(unionId, id));
  }

  @Put('budgets/:id')
  @Permission('budgets:manage')
  @ApiOkResponse({ description: '修改预算草稿（整体替换预算行）；已批准的预算不能修改' })
  async updateBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.update(unionId, id, lines(dto.lines), actor));
  }

  @Post('budgets/:id/approve')
  @HttpCode(200)
  @Permission('budgets:approve')
  @ApiOkResponse({ description: '批准预算（记录委员会审议、经审会审查日期）；取代现行版本' })
  async approveBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ApproveBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.approve(unionId, id, { committeeDate: dto.committeeDate, reviewCommitteeDate: dto.reviewCommitteeDate ?? null }, actor));
  }

  @Post('budgets/:id/discard')
  @HttpCode(200)
  @Permission('budgets:manage')
  @ApiOkResponse({ description: '作废预算草稿' })
  async discardBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor) {
    return present(await this.budgets.discard(unionId, id, actor));
  }

  @Get('budget-execution/:year')
  @Permission('books:read')
  @ApiOkResponse({ description: '预算执行情况：各预算科目的预算数、逐月实际数、已审批待支付、结余和执行率' })
  execution(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number, @Query() q: ExecutionQuery) {
    return this.executions.execution(unionId, year, q.through);
  }
}

function lines(dto: BudgetLineDto[]): BudgetLine[] {
  return dto.map((l) => ({ accountCode: l.account, projectCode: l.project ?? null, amount: new Decimal(l.amount) }));
}

function presentHeader(b: Omit<StoredBudget, 'lines'>) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: b.id,
    year: b.year,
    version: b.version,
    kind: b.kind,
    status: b.status,
    reason: b.reason,
    createdBy: b.createdByName,
    createdAt: iso(b.createdAt),
    approvedBy: b.approvedByName,
    approvedAt: iso(b.approvedAt),
    committeeDate: b.committeeDate,
    reviewCommitteeDate: b.reviewCommitteeDate,
    supersededAt: iso(b.supersededAt),
  };
}

function present(b: StoredBudget) {
  const total = (prefix: string) => b.lines.filter((l) => l.accountCode.startsWith(prefix)).reduce((acc, l) => acc.plus(l.amount), new Decimal(0)).toFixed(2);
  return {
    ...presentHeader(b),
    lines: b.lines.map((l) => ({ account: l.accountCode, accountName: l.accountName, project: l.projectCode, amount: l.amount.toFixed(2) })),
    totals: { income: total('4'), expense: total('5') },
  };
}
