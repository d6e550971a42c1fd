import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiFileResponse, ApiPageResponse } from '../../common/openapi/api-docs.decorators';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { PageQuery } from '../../common/http/pagination.dto';
import { UuidParam } from '../../common/http/uuid.pipe';
import { readUpload } from '../files/upload';
import { allocationTemplate } from './allocation-template';
import { AllocationBatch, StoredAllocationRow } from './allocations.repository';
import { AllocationsService } from './allocations.service';
import { AllocationBatchResponse, AllocationCheckResponse, AllocationDetailResponse, CancelAllocationDto } from './dto/allocation.dto';


const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['bankAccountId', 'creditDate', 'creditAmount', 'creditReference', 'payer', 'file'],
    properties: {
      bankAccountId: { type: 'string', format: 'uuid', description: '到账的统一账户' },
      creditDate: { type: 'string', example: '2026-04-10', description: '到账日期（各工会收款凭证日期）' },
      creditAmount: { type: 'string', example: '250000.00', description: '银行到账金额：各行合计须与之相等' },
      creditReference: { type: 'string', example: 'ICBC20260410001', description: '到账流水号：同一笔到账只能分配一次' },
      payer: { type: 'string', example: '某某市总工会', description: '付款单位' },
      file: { type: 'string', format: 'binary', description: '.xlsx 或 .csv（GBK/UTF-8，有无 BOM 均可）；字段须在文件之前' },
    },
  },
};

/** 经费返还 / 拨缴经费分配: template, whole-file validation, upload, posting in one transaction, list. */
@ApiTags('banking')
@Controller('api/centers/:centerId/allocations')
export class AllocationsController {
  constructor(private readonly service: AllocationsService) {}

  @Get('template')
  @Permission('bank:read')
  @ApiOperation({ summary: '下载分配模板', description: '.xlsx：表头（含说明批注）、示例行、类型下拉与金额的数据验证。' })
  @ApiFileResponse(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], '经费分配模板')
  async downloadAllocationTemplate(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    void reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('经费分配模板.xlsx')}`);
    return allocationTemplate();
  }

  @Post('validate')
  @HttpCode(200)
  @Permission('bank:operate')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: '校验分配文件', description: '只校验不保存：通过时返回行数与合计；否则 422，逐行列出全部错误。' })
  @ApiOkResponse({ type: AllocationCheckResponse })
  @ApiErrors('ALLOCATION_INVALID', 'ALLOCATION_DUPLICATE', 'FILE_UNREADABLE', 'BANK_ACCOUNT_CLOSED', 'VALIDATION_FAILED')
  async validateAllocation(@Param('centerId', UuidParam) centerId: string, @Req() request: FastifyRequest): Promise<AllocationCheckResponse> {
    return this.service.validate(centerId, await readUpload(request));
  }

  @Post()
  @Permission('bank:operate')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOperation({ summary: '上传分配文件', description: '整份校验通过后保存为待过账批次；同一文件或同一笔到账再次上传被拒，并给出原批次号。' })
  @ApiCreatedResponse({ type: AllocationBatchResponse })
  @ApiErrors('ALLOCATION_INVALID', 'ALLOCATION_DUPLICATE', 'FILE_UNREADABLE', 'BANK_ACCOUNT_CLOSED', 'VALIDATION_FAILED')
  async uploadAllocation(@Param('centerId', UuidParam) centerId: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor): Promise<AllocationBatchResponse> {
    return presentBatch(await this.service.upload(centerId, await readUpload(request), actor));
  }

  @Get()
  @Permission('bank:read')
  @ApiOperation({ summary: '分配批次列表', description: '本中心的经费分配批次，按上传时间倒序。' })
  @ApiPageResponse(AllocationBatchResponse)
  async listAllocations(@Param('centerId', UuidParam) centerId: string, @Query() query: PageQuery) {
    const page = await this.service.list(centerId, query.page, query.pageSize);
    return { ...page, items: page.items.map((b) => presentBatch(b)) };
  }

  @Get(':id')
  @Permission('bank:read')
  @ApiOperation({ summary: '分配批次', description: '批次及其每一行。' })
  @ApiOkResponse({ type: AllocationDetailResponse })
  async getAllocation(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<AllocationDetailResponse> {
    const { batch, rows } = await this.service.get(centerId, id);
    return presentBatch(batch, rows) as AllocationDetailResponse;
  }

  @Post(':id/post')
  @HttpCode(200)
  @Permission('vouchers:post')
  @ApiOperation({ summary: '过账分配批次', description: '逐行生成收款单与收款凭证，在一个事务中全部过账或全部不过账；上传人不能过账。过账前按账簿现状逐行重新校验。' })
  @ApiOkResponse({ type: AllocationBatchResponse })
  @ApiErrors('ALLOCATION_INVALID', 'ALLOCATION_STATUS', 'SOD_SELF_REVIEW', 'UNION_WITHDRAWN', 'UNION_SUSPENDED', 'PERIOD_CLOSED')
  async postAllocation(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<AllocationBatchResponse> {
    return presentBatch(await this.service.post(centerId, id, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('bank:operate')
  @ApiOperation({ summary: '作废分配批次', description: '仅未过账的批次；作废后同一文件、同一笔到账可重新上传。' })
  @ApiOkResponse({ type: AllocationBatchResponse })
  @ApiExamples(CancelAllocationDto, { 重新上传: { reason: '金额有误，重新上传' } })
  @ApiErrors('ALLOCATION_STATUS')
  async cancelAllocation(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string, @Body() dto: CancelAllocationDto, @CurrentActor() actor: Actor): Promise<AllocationBatchResponse> {
    return presentBatch(await this.service.cancel(centerId, id, dto.reason, actor));
  }
}

function presentBatch(b: AllocationBatch, rows?: StoredAllocationRow[]): AllocationBatchResponse | AllocationDetailResponse {
  return {
    id: b.id,
    centerId: b.centerId,
    number: b.number,
    bankAccountId: b.bankAccountId,
    credit: { date: b.creditDate, amount: b.creditAmount.toFixed(2), reference: b.creditReference, payer: b.payer },
    file: { name: b.fileName, sha256: b.fileSha256, format: b.fileFormat },
    rowCount: b.rowCount,
    status: b.status,
    uploadedBy: b.uploadedByName,
    uploadedAt: new Date(b.uploadedAt).toISOString(),
    postedBy: b.postedByName,
    postedAt: b.postedAt ? new Date(b.postedAt).toISOString() : null,
    cancelled: b.cancelledAt ? { at: new Date(b.cancelledAt).toISOString(), reason: b.cancelReason } : null,
    ...(rows
      ? {
          rows: rows.map((r) => ({ row: r.row, unionId: r.unionId, unionCode: r.unionCode, unionName: r.unionName, kind: r.kind, fundType: r.fundType, project: r.projectCode, amount: r.amount.toFixed(2), memo: r.memo })),
        }
      : {}),
  };
}
