import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid.pipe';
import { ClaimDecisionsService } from './claim-decisions.service';
import { ClaimPaymentsService } from './claim-payments.service';
import { ClaimsService } from './claims.service';
import { ApproveClaimDto, CommentDto, PayClaimDto, ReasonDto } from './dto/claim-actions.dto';
import { ClaimResponse, ClaimSummaryResponse } from './dto/claim-response.dto';
import { CreateClaimDto, ListClaimsQuery, UpdateClaimDto } from './dto/claim.dto';

/** 报销单: the union's claims and their workflow steps, each step an action endpoint. */
@ApiTags('claims')
@Controller('api/unions/:unionId/claims')
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly decisions: ClaimDecisionsService,
    private readonly payments: ClaimPaymentsService,
  ) {}

  @Post()
  @Permission('claims:submit')
  @ApiCreatedResponse({ type: ClaimResponse, description: '保存草稿（报账员）' })
  create(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.create(unionId, dto, actor);
  }

  @Get()
  @Permission('claims:read')
  list(@Param('unionId', UuidParam) unionId: string, @Query() query: ListClaimsQuery): Promise<Page<ClaimSummaryResponse>> {
    return this.claims.list(unionId, query);
  }

  @Get(':id')
  @Permission('claims:read')
  @ApiOkResponse({ type: ClaimResponse, description: '含明细、附件、流程记录和审核规则逐条结果' })
  get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ClaimResponse> {
    return this.claims.get(unionId, id);
  }

  @Patch(':id')
  @Permission('claims:submit')
  @ApiOkResponse({ type: ClaimResponse, description: '修改草稿或被退回的报销单' })
  update(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.update(unionId, id, dto, actor);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOkResponse({ type: ClaimResponse, description: '提交主席审批；审核规则须全部通过' })
  submit(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.submit(unionId, id, dto.comment, actor);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOkResponse({ type: ClaimResponse, description: '审批前撤回为草稿' })
  withdraw(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.withdraw(unionId, id, dto.comment, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOkResponse({ type: ClaimResponse, description: '支付前作废；释放预留资金' })
  cancel(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.cancel(unionId, id, dto.comment, actor);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Permission('claims:approve')
  @ApiOkResponse({ type: ClaimResponse, description: '工会主席审批（事前）；预留资金，可用资金不足时 409 INSUFFICIENT_FUNDS' })
  approve(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ApproveClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.approve(unionId, id, dto, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Permission('claims:approve')
  @ApiOkResponse({ type: ClaimResponse, description: '主席驳回（须填理由）' })
  reject(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.reject(unionId, id, dto.comment, actor);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Permission('claims:review')
  @ApiOkResponse({ type: ClaimResponse, description: '中心会计审核（事中）；规则不通过时 422 CLAIM_RULES_FAILED' })
  review(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.review(unionId, id, dto.comment, actor);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Permission('claims:review')
  @ApiOkResponse({ type: ClaimResponse, description: '退回工会修改（须填理由）；释放预留资金' })
  returnClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.return(unionId, id, dto.comment, actor);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Permission('claims:pay')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '同一笔支付重试时使用同一个值，只支付一次' })
  @ApiOkResponse({ type: ClaimResponse, description: '出纳支付：自动生成并过账付款凭证' })
  pay(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: PayClaimDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.payments.pay(unionId, id, dto, key, actor);
  }
}
