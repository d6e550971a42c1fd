import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../../common/openapi/api-docs.decorators';
import { ManualMatchDto, MatchesQuery, MatchResponse, ReconciliationQuery, ReconciliationResponse, ReconciliationSummaryResponse, SignOffDto, SignOffResponse } from './dto/reconciliation.dto';
import { MatchCountsResponse } from '../statements/dto/statement.dto';
import { MatchingService } from './matching.service';
import { presentMatch, presentReconciliation, presentSignOff } from './reconciliation.presenter';
import { ReconciliationService } from './reconciliation.service';

/** 银行对账: matching statement lines with the shares' book lines, the review queue, 余额调节表 and its sign-off. */
@ApiTags('banking')
@Controller('api/centers/:centerId')
export class ReconciliationController {
  constructor(
    private readonly matching: MatchingService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  @Get('bank-reconciliation')
  @Permission('bank:read')
  @ApiOperation({ summary: '银行对账概览', description: '中心各统一账户：对账单导入到哪天、未达账项笔数与金额、待确认勾对、调节差额、已签认到哪天及距今天数。' })
  @ApiOkResponse({ type: [ReconciliationSummaryResponse] })
  getReconciliationSummary(@Param('centerId', UuidParam) centerId: string): Promise<ReconciliationSummaryResponse[]> {
    return this.reconciliation.summary(centerId);
  }

  @Get('bank-accounts/:id/matches')
  @Permission('bank:read')
  @ApiOperation({ summary: '勾对列表', description: '自动与手工勾对及其两边的行；status=proposed 为待确认队列。' })
  @ApiPageResponse(MatchResponse)
  async listMatches(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() q: MatchesQuery) {
    const page = await this.matching.list(centerId, id, q.status, q.page, q.pageSize);
    return { ...page, items: page.items.map(presentMatch) };
  }

  @Post('bank-accounts/:id/matches/auto')
  @HttpCode(200)
  @Permission('bank:operate')
  @ApiOperation({ summary: '自动对账', description: '对未勾对的流水和账簿分录依次按流水号、金额与日期、一对多、多对一勾对；低可信度的进入待确认队列。' })
  @ApiOkResponse({ type: MatchCountsResponse })
  autoMatch(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<MatchCountsResponse> {
    return this.matching.autoMatch(centerId, id, actor);
  }

  @Post('bank-accounts/:id/matches')
  @Permission('bank:operate')
  @ApiOperation({ summary: '手工勾对', description: '所选银行流水与账簿分录（该账户份额科目上已过账的分录）合计相等时勾对；已在其他勾对中的不能再选。' })
  @ApiCreatedResponse({ type: MatchResponse })
  @ApiExamples(ManualMatchDto, {
    一笔转账付多张报销单: {
      statementLineIds: ['01900000-0000-7000-8000-0000000000a1'],
      bookLines: [
        { unionId: '01900000-0000-7000-8000-000000000001', voucherId: '01900000-0000-7000-8000-0000000000b1', lineNo: 2 },
        { unionId: '01900000-0000-7000-8000-000000000002', voucherId: '01900000-0000-7000-8000-0000000000b2', lineNo: 2 },
      ],
    },
  })
  @ApiErrors('MATCH_INVALID', 'MATCH_TAKEN')
  async matchManually(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Body() dto: ManualMatchDto, @CurrentActor() actor: Actor): Promise<MatchResponse> {
    return presentMatch(await this.matching.manual(centerId, id, dto.statementLineIds, dto.bookLines, actor));
  }

  @Post('bank-accounts/:id/matches/:matchId/confirm')
  @HttpCode(200)
  @Permission('bank:operate')
  @ApiOperation({ summary: '确认勾对', description: '确认待确认队列中的一条自动勾对。' })
  @ApiOkResponse({ type: MatchResponse })
  @ApiErrors('MATCH_STATUS')
  async confirmMatch(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Param('matchId', UuidParam) matchId: string, @CurrentActor() actor: Actor): Promise<MatchResponse> {
    return presentMatch(await this.matching.confirm(centerId, id, matchId, actor));
  }

  @Post('bank-accounts/:id/matches/:matchId/unmatch')
  @HttpCode(200)
  @Permission('bank:operate')
  @ApiOperation({ summary: '取消勾对', description: '驳回待确认的勾对或撤销已确认的勾对，两边的行重新成为未勾对（被驳回的配对不再自动提出）。' })
  @ApiOkResponse({ type: MatchResponse })
  @ApiErrors('MATCH_STATUS')
  async unmatch(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Param('matchId', UuidParam) matchId: string, @CurrentActor() actor: Actor): Promise<MatchResponse> {
    return presentMatch(await this.matching.unmatch(centerId, id, matchId, actor));
  }

  @Get('bank-accounts/:id/reconciliation')
  @Permission('bank:read')
  @ApiOperation({ summary: '银行存款余额调节表', description: '某月月末（或某日）：企业账面余额、银行对账单余额、四类未达账项及明细、调节后余额是否相符。' })
  @ApiOkResponse({ type: ReconciliationResponse })
  async getReconciliation(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Query() q: ReconciliationQuery): Promise<ReconciliationResponse> {
    return presentReconciliation(await this.reconciliation.statement(centerId, id, q));
  }

  @Post('bank-accounts/:id/reconciliation/sign-off')
  @Permission('bank:reconcile')
  @ApiOperation({ summary: '签认对账', description: '签认“对账截至某日”：须对账单已导入到该日、无待确认勾对、调节后余额相符；记录并留痕。' })
  @ApiCreatedResponse({ type: SignOffResponse })
  @ApiExamples(SignOffDto, { 四月: { throughDate: '2026-04-30', note: '4 月对账完毕' } })
  @ApiErrors('RECONCILIATION_NOT_READY', 'RECONCILIATION_DIFFERENCE')
  async signOffReconciliation(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Body() dto: SignOffDto, @CurrentActor() actor: Actor): Promise<SignOffResponse> {
    return presentSignOff(await this.reconciliation.signOff(centerId, id, dto.throughDate, dto.note, actor));
  }
}
