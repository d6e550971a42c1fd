import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ClaimAttachmentsService, Upload } from './claim-attachments.service';
import { presentAttachment } from './claims.presenter';
import { ClaimError } from './claims.errors';
import { DocumentKind, DocumentKinds } from './domain/claim-kinds';
import { ALLOWED_MEDIA_LABEL } from './domain/file-type';
import { AttachmentResponse } from './dto/claim-response.dto';

const INVOICE_CODE = /^\d{10,12}$/;
const INVOICE_NUMBER = /^\d{8,20}$/;

/** 附件: invoices, receipts and lists behind a claim; uploaded as multipart/form-data, fields before the file. */
@ApiTags('claims')
@Controller('api/unions/:unionId/claims/:id/attachments')
export class ClaimAttachmentsController {
  constructor(private readonly service: ClaimAttachmentsService) {}

  @Post()
  @Permission('claims:submit')
  @ApiOperation({
    summary: '上传附件',
    description: `以 multipart/form-data 上传一个文件（${ALLOWED_MEDIA_LABEL}，按内容判断类型，不超过 10 MB），字段 kind 等须在文件之前。只能上传到草稿或被退回的报销单；同一发票或文件不能用于两张有效的报销单。`,
  })
  @ApiErrors('CLAIM_STATUS', 'ATTACHMENT_INVALID', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_NOT_ALLOWED', 'DUPLICATE_INVOICE')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...DocumentKinds], description: '单据类别' },
        invoiceCode: { type: 'string', description: '发票代码（全电发票无代码）' },
        invoiceNumber: { type: 'string', description: '发票号码（发票必填）' },
        file: { type: 'string', format: 'binary', description: `${ALLOWED_MEDIA_LABEL}，不超过 10 MB；字段须在文件之前` },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentResponse })
  async uploadClaimAttachment(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Req() request: FastifyRequest,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentResponse> {
    return presentAttachment(await this.service.add(unionId, id, await readUpload(request), actor));
  }

  @Get(':attachmentId')
  @Permission('claims:read')
  @ApiOperation({ summary: '下载附件', description: '附件原文件，以附件方式下载；响应头 X-Content-SHA256 为文件的 SHA-256。' })
  @ApiFileResponse(['application/pdf', 'application/ofd', 'image/jpeg', 'image/png'], '附件原文件')
  async downloadClaimAttachment(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { row, content } = await this.service.download(unionId, id, attachmentId);
    void reply.header('content-type', row.mediaType);
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    void reply.header('x-content-sha256', row.sha256);
    return content;
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Permission('claims:submit')
  @ApiOperation({ summary: '删除附件', description: '只能删除草稿或被退回的报销单的附件。' })
  @ApiNoContentResponse({ description: '已删除' })
  @ApiErrors('CLAIM_STATUS')
  deleteClaimAttachment(
    @Param('unionId', UuidParam) unionId: string,
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.service.remove(unionId, id, attachmentId, actor);
  }
}

async function readUpload(request: FastifyRequest): Promise<Upload> {
  let part: MultipartFile | undefined;
  let content: Buffer;
  try {
    part = request.isMultipart() ? await request.file() : undefined;
    if (!part) throw new ClaimError('ATTACHMENT_INVALID', '请以 multipart/form-data 上传一个文件（字段 file）');
    content = await part.toBuffer();
  } catch (err) {
    if (err instanceof ClaimError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ClaimError('ATTACHMENT_TOO_LARGE', '附件不能超过 10 MB');
    throw new ClaimError('ATTACHMENT_INVALID', '上传内容无法读取，请以 multipart/form-data 上传一个文件（字段 file）');
  }
  if (content.length === 0) throw new ClaimError('ATTACHMENT_INVALID', '上传的文件是空的');
  const kind = field(part, 'kind');
  if (!kind || !(DocumentKinds as readonly string[]).includes(kind)) {
    throw new ClaimError('ATTACHMENT_INVALID', `请在文件之前填写单据类别 kind：${DocumentKinds.join(' / ')}`);
  }
  const invoiceCode = field(part, 'invoiceCode');
  const invoiceNumber = field(part, 'invoiceNumber');
  if (invoiceCode && !INVOICE_CODE.test(invoiceCode)) throw new ClaimError('ATTACHMENT_INVALID', '发票代码应为 10–12 位数字');
  if (invoiceNumber && !INVOICE_NUMBER.test(invoiceNumber)) throw new ClaimError('ATTACHMENT_INVALID', '发票号码应为 8–20 位数字');
  const fileName = (part.filename || 'document').slice(0, 200);
  return { fileName, content, kind: kind as DocumentKind, invoiceCode: invoiceCode ?? null, invoiceNumber: invoiceNumber ?? null };
}

function field(part: MultipartFile, name: string): string | undefined {
  const f = part.fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && 'value' in one && typeof one.value === 'string' && one.value.trim() !== '' ? one.value.trim() : undefined;
}
