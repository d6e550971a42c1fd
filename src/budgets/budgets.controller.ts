import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { YearParam } from '../common/http/year.pipe';
import { BudgetExecutionService } from './budget-execution.service';
import { StoredBudget } from './budgets.repository';
import { BudgetsService } from './budgets.service';
import { BudgetLine } from './domain/budget.rules';
import {
  AdjustBudgetDto,
  ApproveBudgetDto,
  BudgetExecutionResponse,
  BudgetHeaderResponse,
  BudgetLineDto,
  BudgetListQuery,
  BudgetResponse,
  CreateBudgetDto,
  ExecutionQuery,
  UpdateBudgetDto,
} from './dto/budget.dto';

const LINES_EXAMPLE = [
  { account: '402', amount: '60000.00' },
  { account: '501', amount: '30000.00' },
  { account: '504', amount: '5000.00', project: 'P2026-01' },
];

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
  @ApiOperation({ summary: '预算版本', description: '本工会各年度预算的全部版本（原预算与各次调整），新版在前。' })
  @ApiOkResponse({ type: [BudgetHeaderResponse] })
  async listBudgets(@Param('unionId', UuidParam) unionId: string, @Query() q: BudgetListQuery): Promise<BudgetHeaderResponse[]> {
    return (await this.budgets.list(unionId, q.year ? Number(q.year) : undefined)).map((b) => presentHeader(b));
  }

  @Post('budgets')
  @Permission('budgets:manage')
  @ApiOperation({ summary: '编制年度预算', description: '按收入、支出的一级或二级科目（专项资金注明项目）编制年度预算草稿；已批准的年度须编制预算调整。' })
  @ApiCreatedResponse({ type: BudgetResponse })
  @ApiExamples(CreateBudgetDto, { 年度预算: { year: 2026, lines: LINES_EXAMPLE } })
  @ApiErrors('BUDGET_EXISTS', 'BUDGET_LINE_INVALID', 'AMOUNT_INVALID', 'UNION_WITHDRAWN')
  async createBudget(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.create(unionId, dto.year, lines(dto.lines), actor));
  }

  @Post('budgets/adjustments')
  @Permission('budgets:manage')
  @ApiOperation({ summary: '预算调整', description: '以现行预算为基础新建一版草稿（或直接给出调整后的预算行），须填写原因；批准后取代现行版本。' })
  @ApiCreatedResponse({ type: BudgetResponse })
  @ApiExamples(AdjustBudgetDto, { 追加项目预算: { year: 2026, reason: '追加困难职工帮扶项目预算', lines: LINES_EXAMPLE } })
  @ApiErrors('BUDGET_NOT_APPROVED', 'BUDGET_EXISTS', 'BUDGET_LINE_INVALID', 'AMOUNT_INVALID', 'UNION_WITHDRAWN')
  async adjustBudget(@Param('unionId', UuidParam) unionId: string, @Body() dto: AdjustBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.adjust(unionId, dto.year, dto.reason, dto.lines && lines(dto.lines), actor));
  }

  @Get('budgets/:id')
  @Permission('books:read')
  @ApiOperation({ summary: '预算详情', description: '一个预算版本的预算行、合计与审批情况。' })
  @ApiOkResponse({ type: BudgetResponse })
  async getBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return present(await this.budgets.get(unionId, id));
  }

  @Put('budgets/:id')
  @Permission('budgets:manage')
  @ApiOperation({ summary: '修改预算草稿', description: '整体替换草稿的预算行；已批准、已被取代或作废的版本不能修改。' })
  @ApiOkResponse({ type: BudgetResponse })
  @ApiExamples(UpdateBudgetDto, { 修改预算行: { lines: LINES_EXAMPLE } })
  @ApiErrors('BUDGET_NOT_DRAFT', 'BUDGET_LINE_INVALID', 'AMOUNT_INVALID', 'UNION_WITHDRAWN')
  async updateBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.update(unionId, id, lines(dto.lines), actor));
  }

  @Post('budgets/:id/approve')
  @HttpCode(200)
  @Permission('budgets:approve')
  @ApiOperation({ summary: '批准预算', description: '工会主席记录工会委员会审议通过（及经审会审查）的日期，草稿成为现行预算，原现行版本被取代。' })
  @ApiOkResponse({ type: BudgetResponse })
  @ApiExamples(ApproveBudgetDto, { 委员会审议通过: { committeeDate: '2026-01-15', reviewCommitteeDate: '2026-01-12' } })
  @ApiErrors('BUDGET_NOT_DRAFT', 'UNION_WITHDRAWN')
  async approveBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ApproveBudgetDto, @CurrentActor() actor: Actor) {
    return present(await this.budgets.approve(unionId, id, { committeeDate: dto.committeeDate, reviewCommitteeDate: dto.reviewCommitteeDate ?? null }, actor));
  }

  @Post('budgets/:id/discard')
  @HttpCode(200)
  @Permission('budgets:manage')
  @ApiOperation({ summary: '作废预算草稿', description: '作废未批准的草稿（保留记录）。' })
  @ApiOkResponse({ type: BudgetResponse })
  @ApiErrors('BUDGET_NOT_DRAFT', 'UNION_WITHDRAWN')
  async discardBudget(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor) {
    return present(await this.budgets.discard(unionId, id, actor));
  }

  @Get('budget-execution/:year')
  @Permission('books:read')
  @ApiOperation({ summary: '预算执行情况', description: '现行预算各行的预算数、逐月实际数（不含结转凭证）、已审批待支付、结余和执行率；未列入预算的支出单列。' })
  @ApiOkResponse({ type: BudgetExecutionResponse })
  getBudgetExecution(@Param('unionId', UuidParam) unionId: string, @Param('year', YearParam) year: number, @Query() q: ExecutionQuery) {
    return this.executions.execution(unionId, year, q.through);
  }
}

function lines(dto: BudgetLineDto[]): BudgetLine[] {
  return dto.map((l) => ({ accountCode: l.account, projectCode: l.project ?? null, amount: new Decimal(l.amount) }));
}

function presentHeader(b: Omit<StoredBudget, 'lines'>): BudgetHeaderResponse {
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

function present(b: StoredBudget): BudgetResponse {
  const total = (prefix: string) => b.lines.filter((l) => l.accountCode.startsWith(prefix)).reduce((acc, l) => acc.plus(l.amount), new Decimal(0)).toFixed(2);
  return {
    ...presentHeader(b),
    lines: b.lines.map((l) => ({ account: l.accountCode, accountName: l.accountName, project: l.projectCode, amount: l.amount.toFixed(2) })),
    totals: { income: total('4'), expense: total('5') },
  };
}
