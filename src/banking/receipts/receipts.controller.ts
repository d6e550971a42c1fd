import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiFileResponse, ApiPageResponse } from '../../common/openapi/api-docs.decorators';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { Page } from '../../common/http/pagination.dto';
import { UuidParam } from '../../common/http/uuid.pipe';
import { readUpload } from '../files/upload';
import { CancelReceiptDto, CreateReceiptDto, ListReceiptsQuery, ReceiptAttachmentResponse, ReceiptResponse } from './dto/receipt.dto';
import { ReceiptAttachmentsService } from './receipt-attachments.service';
import { ReceiptsService } from './receipts.service';

/** 收款单: recorded by the cashier, posted by another person, cancelled before posting, with their bank slips. */
@ApiTags('banking')
@Controller('api/unions/:unionId/receipts')
export class ReceiptsController {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly attachments: ReceiptAttachmentsService,
  ) {}

  @Post()
  @Permission('receipts:record')
  @ApiOperation({
    summary: '登记收款',
    description: '出纳登记收到的款项；系统生成收款凭证草稿（借 本工会份额科目，贷 收入科目或退款冲减的科目），由出纳以外的人审核过账。带 Idempotency-Key，重试只登记一次。',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–100 位字母、数字或 ._:-；重试时用同一个值，只登记一次' })
  @ApiCreatedResponse({ type: ReceiptResponse })
  @ApiExamples(CreateReceiptDto, {
    经费返还: { kind: 'allocation', amount: '12000.00', date: '2026-03-15', payer: '某某市总工会', bankReference: 'ICBC202603150001' },
    专项补助: { kind: 'subsidy', amount: '5000.00', date: '2026-03-15', payer: '某某市总工会', fundType: 'restricted', project: 'P2026-01' },
    会费: { kind: 'dues', amount: '360.00', date: '2026-03-20', payer: '全体会员', dues: { period: '2026-03', members: 120 } },
    退款: { kind: 'refund', amount: '120.00', date: '2026-03-21', payer: '某旅行社', account: '50105' },
  })
  @ApiErrors('IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_REUSED', 'RECEIPT_INVALID', 'BANK_SHARE_INVALID', 'UNION_WITHDRAWN', 'UNION_SUSPENDED',
    'PERIOD_CLOSED', 'PERIOD_BEFORE_START', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_LEAF', 'ACCOUNT_INACTIVE', 'PROJECT_NOT_FOUND', 'PROJECT_REQUIRED',
    'FUND_TYPE_INVALID', 'AMOUNT_INVALID', 'AMOUNT_SIGN_INVALID')
  recordReceipt(
    @Param('unionId', UuidParam) unionId: string,
    @Body() dto: CreateReceiptDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptResponse> {
    return this.receipts.record(unionId, dto, key, actor);
  }

  @Get()
  @Permission('receipts:read')
  @ApiOperation({ summary: '收款单列表', description: '按到账日期倒序；可按日期、类型和状态（recorded 待过账、posted 已过账、cancelled 已作废）筛选。' })
  @ApiPageResponse(ReceiptResponse)
  listReceipts(@Param('unionId', UuidParam) unionId: string, @Query() query: ListReceiptsQuery): Promise<Page<ReceiptResponse>> {
    return this.receipts.list(unionId, query);
  }

  @Get(':id')
  @Permission('receipts:read')
  @ApiOperation({ summary: '收款单', description: '收款单及其凭证、回单。' })
  @ApiOkResponse({ type: ReceiptResponse })
  getReceipt(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ReceiptResponse> {
    return this.receipts.get(unionId, id);
  }

  @Post(':id/post')
  @HttpCode(200)
  @Permission('vouchers:post')
  @ApiOperation({ summary: '审核过账收款', description: '审核并过账收款单的凭证；登记收款的出纳不能过账（审核与制单分离）。' })
  @ApiOkResponse({ type: ReceiptResponse })
  @ApiErrors('RECEIPT_STATUS', 'SOD_SELF_REVIEW', 'VOUCHER_CHANGED', 'VOUCHER_NOT_DRAFT', 'PERIOD_CLOSED', 'UNION_WITHDRAWN', 'UNION_SUSPENDED', 'ACCOUNT_INACTIVE')
  postReceipt(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<ReceiptResponse> {
    return this.receipts.post(unionId, id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('receipts:record')
  @ApiOperation({ summary: '作废收款单', description: '仅未过账的收款单可作废（其凭证草稿随之删除）；已过账的请红字冲销其凭证。' })
  @ApiOkResponse({ type: ReceiptResponse })
  @ApiExamples(CancelReceiptDto, { 重复登记: { reason: '重复登记' } })
  @ApiErrors('RECEIPT_STATUS', 'VOUCHER_NOT_DRAFT')
  cancelReceipt(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Body() dto: CancelReceiptDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptResponse> {
    return this.receipts.cancel(unionId, id, dto.reason, actor);
  }

  @Post(':id/attachments')
  @Permission('receipts:record')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '银行回单：PDF、OFD、JPEG、PNG，不超过 10 MB' } } } })
  @ApiOperation({ summary: '上传回单', description: '银行回单等凭据（PDF、OFD、JPEG、PNG，按内容判断）；凭证仍为草稿时计入附单据张数。回单不能删除。' })
  @ApiCreatedResponse({ type: ReceiptAttachmentResponse })
  @ApiErrors('FILE_UNREADABLE', 'RECEIPT_STATUS')
  async attachReceiptFile(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptAttachmentResponse> {
    const a = await this.attachments.add(unionId, id, await readUpload(request), actor);
    return { id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256, uploadedBy: a.uploadedByName, createdAt: new Date(a.createdAt).toISOString() };
  }

  @Get(':id/attachments/:attachmentId')
  @Permission('receipts:read')
  @ApiOperation({ summary: '下载回单', description: '回单原文件；响应头 x-content-sha256 为其 SHA-256。' })
  @ApiFileResponse(['application/pdf', 'application/ofd', 'image/jpeg', 'image/png'], '回单原文件')
  async downloadReceiptFile(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.attachments.download(unionId, id, attachmentId);
    void reply.header('content-type', file.mediaType);
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    void reply.header('x-content-sha256', file.sha256);
    return file.content;
  }
}
