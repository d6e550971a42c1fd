import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ConsolidationService } from './consolidation.service';
import { ConsolidatedStatementQuery, ConsolidatedStatementResponse, SignersDto, SignersResponse, StatementQuery, StatementResponse } from './dto/statement.dto';
import { StatementsService } from './statements.service';

/** 工会01表 资产负债表 and 工会02表 收入支出表 of a union, monthly or annual, and who signs them. */
@ApiTags('statements')
@Controller('api/unions/:unionId')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get('statements/balance-sheet')
  @Permission('books:read')
  @ApiOkResponse({ type: StatementResponse, description: '工会01表 资产负债表（period=YYYY-MM 月报，或 year=YYYY 年报）' })
  balanceSheet(@Param('unionId', UuidParam) unionId: string, @Query() q: StatementQuery): Promise<StatementResponse> {
    return this.statements.statement('balance-sheet', unionId, q);
  }

  @Get('statements/income-expenditure')
  @Permission('books:read')
  @ApiOkResponse({ type: StatementResponse, description: '工会02表 收入支出表（period=YYYY-MM 月报，或 year=YYYY 年报）' })
  incomeExpenditure(@Param('unionId', UuidParam) unionId: string, @Query() q: StatementQuery): Promise<StatementResponse> {
    return this.statements.statement('income-expenditure', unionId, q);
  }

  @Get('statement-signers')
  @Permission('books:read')
  @ApiOkResponse({ type: SignersResponse, description: '报表签章人员' })
  signers(@Param('unionId', UuidParam) unionId: string): Promise<SignersResponse> {
    return this.statements.signers(unionId);
  }

  @Put('statement-signers')
  @Permission('unions:manage')
  @ApiOkResponse({ type: SignersResponse, description: '设置报表签章人员：单位负责人、主管会计工作的负责人、会计机构负责人' })
  saveSigners(@Param('unionId', UuidParam) unionId: string, @Body() dto: SignersDto, @CurrentActor() actor: Actor): Promise<SignersResponse> {
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
  @ApiOkResponse({ type: ConsolidatedStatementResponse, description: '汇总资产负债表，并列出未结账、不平衡的工会' })
  balanceSheet(@Param('centerId', UuidParam) centerId: string, @Query() q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    return this.consolidation.statement('balance-sheet', centerId, q);
  }

  @Get('income-expenditure')
  @Permission('books:read')
  @ApiOkResponse({ type: ConsolidatedStatementResponse, description: '汇总收入支出表，并列出未结账的工会' })
  incomeExpenditure(@Param('centerId', UuidParam) centerId: string, @Query() q: ConsolidatedStatementQuery): Promise<ConsolidatedStatementResponse> {
    return this.consolidation.statement('income-expenditure', centerId, q);
  }
}
