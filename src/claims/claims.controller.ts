import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiPageResponse } from '../common/openapi/api-docs.decorators';
import { ApiErrorCode } from '../common/openapi/error-catalog';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { Page } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid.pipe';
import { ClaimDecisionsService } from './claim-decisions.service';
import { ClaimPaymentsService } from './claim-payments.service';
import { ClaimsService } from './claims.service';
import { ApproveClaimDto, CommentDto, PayClaimDto, ReasonDto, ReviewClaimDto } from './dto/claim-actions.dto';
import { ClaimResponse, ClaimSummaryResponse } from './dto/claim-response.dto';
import { CREATE_CLAIM_EXAMPLES, CreateClaimDto, ListClaimsQuery, UpdateClaimDto } from './dto/claim.dto';

/** What checking a claim's content answers (validateClaim, the books, the center's cash limit). */
const CLAIM_CONTENT_ERRORS: ApiErrorCode[] = [
  'AMOUNT_INVALID',
  'CLAIM_LINE_AMOUNT',
  'CLAIM_ACCOUNT_INVALID',
  'CLAIM_PAYEE_INVALID',
  'CLAIM_BENEFICIARIES_INVALID',
  'CASH_LIMIT_EXCEEDED',
  'UNION_WITHDRAWN',
];

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
  @ApiOperation({
    summary: '新建报销单（草稿）',
    description: '报账员（或主席）填写事由、类别、列支科目、收款人、明细和受益会员；金额由明细合计。保存时给出报销单号，之后上传附件、提交审批。',
  })
  @ApiCreatedResponse({ type: ClaimResponse, description: '草稿，含审核规则逐条结果' })
  @ApiExamples(CreateClaimDto, CREATE_CLAIM_EXAMPLES)
  @ApiErrors(...CLAIM_CONTENT_ERRORS)
  createClaim(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.create(unionId, dto, actor);
  }

  @Get()
  @Permission('claims:read')
  @ApiOperation({ summary: '报销单列表', description: '本工会的报销单，可按状态筛选、按编号、事由或收款人查找，分页。' })
  @ApiPageResponse(ClaimSummaryResponse, '报销单摘要，分页')
  listClaims(@Param('unionId', UuidParam) unionId: string, @Query() query: ListClaimsQuery): Promise<Page<ClaimSummaryResponse>> {
    return this.claims.list(unionId, query);
  }

  @Get(':id')
  @Permission('claims:read')
  @ApiOperation({ summary: '报销单详情', description: '含明细、受益会员、附件、流程记录、审核规则逐条结果，支付后含付款凭证。' })
  @ApiOkResponse({ type: ClaimResponse, description: '含明细、附件、流程记录和审核规则逐条结果' })
  getClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ClaimResponse> {
    return this.claims.get(unionId, id);
  }

  @Patch(':id')
  @Permission('claims:submit')
  @ApiOperation({ summary: '修改报销单', description: '只能修改草稿或被退回的报销单；只需提供要改的字段。' })
  @ApiOkResponse({ type: ClaimResponse, description: '修改后的报销单' })
  @ApiExamples(UpdateClaimDto, { 改事由: { purpose: '2026年中秋节会员慰问品（补充名单）' } })
  @ApiErrors(...CLAIM_CONTENT_ERRORS, 'CLAIM_STATUS')
  updateClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.update(unionId, id, dto, actor);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOperation({ summary: '提交审批', description: '提交工会主席审批；适用的审核规则须全部通过，否则 422 并逐条列出。' })
  @ApiOkResponse({ type: ClaimResponse, description: '待审批的报销单' })
  @ApiExamples(CommentDto, { 提交: { comment: '请审批' } })
  @ApiErrors('CLAIM_STATUS', 'CLAIM_RULES_FAILED')
  submitClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.submit(unionId, id, dto.comment, actor);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOperation({ summary: '撤回', description: '审批前撤回为草稿，记入流程记录。' })
  @ApiOkResponse({ type: ClaimResponse, description: '撤回后的草稿' })
  @ApiExamples(CommentDto, { 撤回: { comment: '补充附件' } })
  @ApiErrors('CLAIM_STATUS')
  withdrawClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.withdraw(unionId, id, dto.comment, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('claims:submit')
  @ApiOperation({ summary: '作废', description: '支付前作废（须填理由）；释放预留资金，附件的发票可用于新的报销单。' })
  @ApiOkResponse({ type: ClaimResponse, description: '已作废的报销单' })
  @ApiExamples(ReasonDto, { 作废: { comment: '活动取消' } })
  @ApiErrors('CLAIM_STATUS')
  cancelClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.claims.cancel(unionId, id, dto.comment, actor);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Permission('claims:approve')
  @ApiOperation({
    summary: '主席审批',
    description: '工会主席审批（事前）：不能审批本人经办或提交的报销单；超过中心限额须有集体研究记录（可在此补录）。同意即预留资金，可用资金不足时 409。',
  })
  @ApiOkResponse({ type: ClaimResponse, description: '已审批的报销单' })
  @ApiExamples(ApproveClaimDto, {
    同意: { comment: '同意' },
    补录集体研究: { comment: '同意', committee: { date: '2026-09-01', minutesRef: '工会委员会会议纪要〔2026〕5号' } },
  })
  @ApiErrors('CLAIM_STATUS', 'SELF_APPROVAL_FORBIDDEN', 'COMMITTEE_DECISION_REQUIRED', 'INSUFFICIENT_FUNDS', 'BANK_SHARE_INVALID', 'UNION_WITHDRAWN', 'UNION_SUSPENDED')
  approveClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ApproveClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.approve(unionId, id, dto, actor);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Permission('claims:approve')
  @ApiOperation({ summary: '主席驳回', description: '驳回（须填理由），报销单就此结束；其发票可用于新的报销单。' })
  @ApiOkResponse({ type: ClaimResponse, description: '已驳回的报销单' })
  @ApiExamples(ReasonDto, { 驳回: { comment: '不属于工会经费开支范围' } })
  @ApiErrors('CLAIM_STATUS', 'SELF_APPROVAL_FORBIDDEN')
  rejectClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.reject(unionId, id, dto.comment, actor);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Permission('claims:review')
  @ApiOperation({
    summary: '会计审核并制单',
    description:
      '中心会计审核（事中）：按会员全年累计重算审核规则，不通过时 422 并逐条列出，应退回。审核人不能是经办人或审批人。' +
      '审核通过即由审核会计编制付款凭证（制单，草稿）：借 支出科目、贷 集中核算户（现金报销为库存现金）；购置固定资产的明细行单价达到中心设定的起点' +
      '（工会会计制度 第三十二条：一般设备 1,000 元、专用设备 1,500 元），另借 固定资产、贷 资产基金—固定资产。bulkFixedAssets=true 时按大批同类物资全部入账。',
  })
  @ApiOkResponse({ type: ClaimResponse, description: '已审核的报销单，含付款凭证草稿和入账的固定资产' })
  @ApiExamples(ReviewClaimDto, { 审核通过: { comment: '单据齐全' }, 大批同类物资: { comment: '图书一批', bulkFixedAssets: true } })
  @ApiErrors('CLAIM_STATUS', 'SOD_SELF_REVIEW', 'CLAIM_RULES_FAILED', 'PERIOD_CLOSED', 'ACCOUNT_INACTIVE', 'ACCOUNT_NOT_LEAF', 'PROJECT_NOT_FOUND', 'UNION_WITHDRAWN')
  reviewClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReviewClaimDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.review(unionId, id, dto, actor);
  }

  @Post(':id/check')
  @HttpCode(200)
  @Permission('vouchers:post')
  @ApiOperation({
    summary: '复核付款凭证',
    description: '付款凭证的审核：由制单会计以外的人员（中心主任或另一名会计）进行，也不能是经办人或审批人；出纳不能复核。复核后出纳方可付款。',
  })
  @ApiOkResponse({ type: ClaimResponse, description: '付款凭证已复核、待付款的报销单' })
  @ApiExamples(CommentDto, { 复核通过: { comment: '凭证无误' } })
  @ApiErrors('CLAIM_STATUS', 'SOD_SELF_REVIEW', 'PERIOD_CLOSED', 'ACCOUNT_INACTIVE', 'ACCOUNT_NOT_LEAF', 'PROJECT_NOT_FOUND', 'UNION_WITHDRAWN')
  checkClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.payments.check(unionId, id, dto.comment, actor);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Permission('claims:review')
  @ApiOperation({ summary: '退回修改', description: '退回工会修改（须填理由）；释放预留资金，重新提交后须再经主席审批。' })
  @ApiOkResponse({ type: ClaimResponse, description: '被退回的报销单' })
  @ApiExamples(ReasonDto, { 退回: { comment: '缺少发放签收表' } })
  @ApiErrors('CLAIM_STATUS')
  returnClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.decisions.return(unionId, id, dto.comment, actor);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Permission('claims:pay')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '同一笔支付重试时使用同一个值，只支付一次' })
  @ApiOperation({
    summary: '出纳付款',
    description:
      '出纳对复核过的报销单付款，并在付款凭证上签章（出纳），凭证日期为付款日期；预留资金保留至记账。出纳不能是经办人、制单人或复核人。' +
      '须带 Idempotency-Key，重试同一笔付款时用同一个值，只付款一次。',
  })
  @ApiOkResponse({ type: ClaimResponse, description: '已付款、待记账的报销单' })
  @ApiExamples(PayClaimDto, { 转账支付: { date: '2026-09-25', bankReference: 'ICBC20260925000123', comment: '已转账' } })
  @ApiErrors(
    'IDEMPOTENCY_KEY_REQUIRED',
    'IDEMPOTENCY_KEY_REUSED',
    'CLAIM_STATUS',
    'SOD_SELF_REVIEW',
    'CLAIM_PAYEE_INVALID',
    'CASH_LIMIT_EXCEEDED',
    'INSUFFICIENT_FUNDS',
    'PERIOD_CLOSED',
    'PERIOD_BEFORE_START',
    'ACCOUNT_INACTIVE',
    'PROJECT_NOT_FOUND',
    'UNION_WITHDRAWN',
  )
  payClaim(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: PayClaimDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ClaimResponse> {
    return this.payments.pay(unionId, id, dto, key, actor);
  }

  @Post(':id/post')
  @HttpCode(200)
  @Permission('vouchers:post')
  @ApiOperation({
    summary: '记账',
    description: '过账已付款报销单的付款凭证（记账），同时核销其预留资金；记账人不能是付款的出纳。过账后报销单完成。',
  })
  @ApiOkResponse({ type: ClaimResponse, description: '已记账的报销单（含凭证号）' })
  @ApiExamples(CommentDto, { 记账: {} })
  @ApiErrors('CLAIM_STATUS', 'SOD_SELF_REVIEW', 'VOUCHER_CHANGED', 'PERIOD_CLOSED', 'ACCOUNT_INACTIVE', 'ACCOUNT_NOT_LEAF', 'PROJECT_NOT_FOUND', 'INSUFFICIENT_FUNDS', 'UNION_WITHDRAWN')
  postClaim(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CommentDto, @CurrentActor() actor: Actor): Promise<ClaimResponse> {
    return this.payments.post(unionId, id, dto.comment, actor);
  }
}
