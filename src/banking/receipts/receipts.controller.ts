import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–100 位字母、数字或 ._:-；重试时用同一个值，只登记一次' })
  @ApiCreatedResponse({ type: ReceiptResponse, description: '登记收款：系统生成收款凭证草稿（借 份额科目，贷 收入科目），由出纳以外的人审核过账' })
  record(
    @Param('unionId', UuidParam) unionId: string,
    @Body() dto: CreateReceiptDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptResponse> {
    return this.receipts.record(unionId, dto, key, actor);
  }

  @Get()
  @Permission('receipts:read')
  list(@Param('unionId', UuidParam) unionId: string, @Query() query: ListReceiptsQuery): Promise<Page<ReceiptResponse>> {
    return this.receipts.list(unionId, query);
  }

  @Get(':id')
  @Permission('receipts:read')
  @ApiOkResponse({ type: ReceiptResponse })
  get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ReceiptResponse> {
    return this.receipts.get(unionId, id);
  }

  @Post(':id/post')
  @HttpCode(200)
  @Permission('vouchers:post')
  @ApiOkResponse({ type: ReceiptResponse, description: '审核过账收款凭证（登记的出纳不能过账）' })
  post(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<ReceiptResponse> {
    return this.receipts.post(unionId, id, actor);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('receipts:record')
  @ApiOkResponse({ type: ReceiptResponse, description: '作废（仅未过账的收款；已过账的请红字冲销）' })
  cancel(
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
  @ApiCreatedResponse({ type: ReceiptAttachmentResponse })
  async attach(
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
  @ApiOkResponse({ description: '回单原文件' })
  async download(
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
