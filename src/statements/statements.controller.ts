import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import { ConsolidationService } from './consolidation.service';
import { ConsolidatedStatementQuery, ConsolidatedStatementResponse, SignersDto, SignersResponse, StatementQuery, StatementResponse } from './dto/statement.dto';
import { StatementsService } from './statements.service';

const MONTH_OR_YEAR = 'period=YYYY-MM 为月报，year=YYYY 为年报（二者选一）。已结账月份的报表为结账时所编；已结转年度的报表已冻结。';

/** 工会01表 资产负债表 and 工会02表 收入支出表 of a union, monthly or annual, and who signs them. */
@ApiTags('statements')
@Controller('api/unions/:unionId')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get('statements/balance-sheet')
  @Permission('books:read')
  @ApiOperation({
    summary: '资产负债表（工会01表）',
    description: `年初余额与期末（年末）余额两栏；结账前的本期收支差额按专项/非专项列入工会资金结转、结余，结账前后报表一致。${MONTH_OR_YEAR}`,
  })
  @ApiOkResponse({ type: StatementResponse })
  @ApiErrors('PERIOD_BEFORE_START')
  getBalanceSheet(@Param('unionId', UuidParam) unionId: string, @Query() q: StatementQuery): Promise<StatementResponse> {
    return this.statements.statement('balance-sheet', unionId, q);
  }

  @Get('statements/income-expenditure')
  @Permission('books:read')
  @ApiOperation({
    summary: '收入支出表（工会02表）',
    description: `月报为本月数、本年累计数，年报为本年数、上年数并列示年初、年末资金结转结余；发生额不含结转凭证。${MONTH_OR_YEAR}`,
  })
  @ApiOkResponse({ type: StatementResponse })
  @ApiErrors('PERIOD_BEFORE_START')
  getIncomeExpenditure(@Param('unionId', UuidParam) unionId: string, @Query() q: StatementQuery): Promise<StatementResponse> {
    return this.statements.statement('income-expenditure', unionId, q);
  }

  @Get('statement-signers')
  @Permission('books:read')
  @ApiOperation({ summary: '报表签章人员', description: '单位负责人（法定代表人）、主管会计工作的负责人、会计机构负责人（第六十四条）。' })
  @ApiOkResponse({ type: SignersResponse })
  getStatementSigners(@Param('unionId', UuidParam) unionId: string): Promise<SignersResponse> {
    return this.statements.signers(unionId);
  }

  @Put('statement-signers')
  @Permission('unions:manage')
  @ApiOperation({ summary: '设置报表签章人员', description: '整体替换三位签章人员的姓名；未填的为空。记入操作日志。' })
  @ApiOkResponse({ type: SignersResponse })
  @ApiExamples(SignersDto, { 三位签章人: { legalRepresentative: '张三', accountingHead: '李四', accountingBodyHead: '王五' } })
  @ApiErrors('UNION_WITHDRAWN')
  saveStatementSigners(@Param('unionId', UuidParam) unionId: string, @Body() dto: SignersDto, @CurrentActor() actor: Actor): Promise<SignersResponse> {
    return this.statements.saveSigners(unionId, dto, actor);
  }
}

/** 汇总报表: the same statements summed over a center's unions. */
@ApiTags('statements')
@Controller('api/centers/:centerId/statements')
export class ConsolidatedStatementsController {
  constructor(private readonly consolidation: ConsolidationService) {}

  @Get('balance-sheet')
  @Permission('books:read')
  @ApiOperation({ summary: '汇总资产负债表', description: `本中心全部（或所列）工会的工会01表逐行相加，并列出该月未结账、报表不平衡的工会。${MONTH_OR_YEAR}` })
  @ApiOkResponse({ type: ConsolidatedStatementResponse })
  getConsolidatedBalanceSheet(@Param('centerId', UuidParam) centerId: string, @Query() q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    return this.consolidation.statement('balance-sheet', centerId, q);
  }

  @Get('income-expenditure')
  @Permission('books:read')
  @ApiOperation({ summary: '汇总收入支出表', description: `本中心全部（或所列）工会的工会02表逐行相加，并列出该月未结账的工会。${MONTH_OR_YEAR}` })
  @ApiOkResponse({ type: ConsolidatedStatementResponse })
  getConsolidatedIncomeExpenditure(@Param('centerId', UuidParam) centerId: string, @Query() q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    return this.consolidation.statement('income-expenditure', centerId, q);
  }
}
