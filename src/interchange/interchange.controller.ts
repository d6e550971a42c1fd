import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { readUpload } from '../banking/files/upload';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ApiErrors, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { ExportRangeDto } from '../exports/dto/export.dto';
import { Download, InterchangeService } from './interchange.service';
import { ImportSummary, InterchangeImportService } from './interchange-import.service';
import { OpeningSheetService, OpeningSheetSummary } from './opening-sheet.service';

export class InterchangeImportResponse implements ImportSummary {
  @ApiProperty({ type: 'integer', description: '新增的明细科目数' }) accounts: number;
  @ApiProperty({ type: 'integer', description: '新增的项目数' }) projects: number;
  @ApiProperty({ type: 'integer', description: '期初余额条数' }) openingBalances: number;
  @ApiProperty({ type: 'integer', description: '导入并记账的凭证数' }) vouchers: number;
  @ApiProperty({ type: [String], example: ['2026-01'], description: '按文件结账的月份' }) closedPeriods: string[];
}

export class OpeningSheetResponse implements OpeningSheetSummary {
  @ApiProperty({ type: 'integer', description: '新增的明细科目数' }) accounts: number;
  @ApiProperty({ type: 'integer', description: '期初余额条数（末级科目）' }) openingBalances: number;
  @ApiProperty({ example: '50000.00', description: '借方合计' }) debit: string;
  @ApiProperty({ example: '50000.00', description: '贷方合计' }) credit: string;
}

const SHEET_UPLOAD = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: '.xlsx（第一张工作表）或 .csv，列：科目编码、科目名称、方向、期初余额' } },
  },
};

const GBT_UPLOAD = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: '本系统“国标数据接口导出”得到的 zip（不超过 10 MB）' } },
  },
};

const attachment = (d: Download, type: string) =>
  new StreamableFile(d.stream, { type, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}` });

/** 数据接口: the books for other software — the national standard's XML and a plain-text journal. */
@ApiTags('interchange')
@Controller('api/unions/:unionId/interchange')
export class InterchangeController {
  constructor(
    private readonly service: InterchangeService,
    private readonly imports: InterchangeImportService,
    private readonly sheets: OpeningSheetService,
  ) {}

  @Get('gbt24589')
  @Permission('books:read')
  @ApiOperation({
    summary: '国标数据接口导出（GB/T 24589）',
    description:
      '本工会 from–to 的会计核算数据，按 GB/T 24589 的结构输出为 zip：公共档案.xml（电子账簿、会计期间、凭证类型、辅助核算）、' +
      '总账.xml（科目表、期初余额、科目余额及发生额、记账凭证、已结账月份的财务报表）、gbt24589.xsd 和格式说明文件。边读边写，直接下载。',
  })
  @ApiFileResponse(['application/zip'], 'GB/T 24589 数据接口文件（zip）')
  @ApiErrors('PERIOD_RANGE_INVALID')
  async gbt(@Param('unionId', UuidParam) unionId: string, @Query() q: ExportRangeDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return attachment(await this.service.gbt(unionId, q.from, q.to, actor), 'application/zip');
  }

  @Post('gbt24589')
  @HttpCode(200)
  @Permission('opening:manage')
  @ApiConsumes('multipart/form-data')
  @ApiBody(GBT_UPLOAD)
  @ApiOperation({
    summary: '国标数据接口导入（GB/T 24589）',
    description:
      '把本系统导出的数据接口 zip 导入到尚未记账的新工会（启用期间与文件起始期间相同）：明细科目、项目、期初余额、全部凭证（保持凭证号）' +
      '和结账状态。整份校验（XML Schema、凭证借贷平衡与编号连续、科目余额及发生额与凭证相符），有任何错误则不导入任何数据。' +
      '凭证由导入人记账，原制单人、审核人、记账人、出纳的姓名保留。',
  })
  @ApiOkResponse({ type: InterchangeImportResponse })
  @ApiErrors('INTERCHANGE_FILE_INVALID', 'INTERCHANGE_UNMAPPABLE', 'INTERCHANGE_BOOKS_INVALID', 'INTERCHANGE_UNION_NOT_EMPTY', 'FILE_UNREADABLE')
  async importGbt(@Param('unionId', UuidParam) unionId: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor): Promise<InterchangeImportResponse> {
    return this.imports.importGbt(unionId, await readUpload(request), actor);
  }

  @Post('opening-sheet')
  @HttpCode(200)
  @Permission('opening:manage')
  @ApiConsumes('multipart/form-data')
  @ApiBody(SHEET_UPLOAD)
  @ApiOperation({
    summary: '从其他软件导入期初余额和明细科目（Excel）',
    description:
      '常见财务软件导出的期初余额表（科目编码、科目名称、方向、期初余额；表头上方可有标题行）：本工会科目表中没有的明细科目按上级科目新增，' +
      '末级科目的期初余额整体替换现有期初余额；上级科目行须等于其下级合计。整份校验，任何一行有错（编码、上级科目、重复、方向、金额、借贷不平衡）' +
      '都不导入任何数据，并逐行列出错误。已有过账凭证或启用期间已结账时不能导入。',
  })
  @ApiOkResponse({ type: OpeningSheetResponse })
  @ApiErrors('INTERCHANGE_SHEET_INVALID', 'OPENING_BALANCES_LOCKED', 'FILE_UNREADABLE')
  async importOpeningSheet(@Param('unionId', UuidParam) unionId: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor): Promise<OpeningSheetResponse> {
    return this.sheets.importSheet(unionId, await readUpload(request), actor);
  }

  @Get('journal')
  @Permission('books:read')
  @ApiOperation({
    summary: '纯文本日记账导出（hledger）',
    description:
      '本工会 from–to 的已记账凭证，hledger 日记账格式：每张凭证一笔交易（凭证号、摘要），科目名为“编码 名称”按级次以冒号相连，' +
      '起始期间的期初余额为第一笔交易，红字凭证金额为负。可用 hledger bal 核对科目余额表。',
  })
  @ApiFileResponse(['text/plain'], 'hledger 日记账（UTF-8 文本）')
  @ApiErrors('PERIOD_RANGE_INVALID')
  async journal(@Param('unionId', UuidParam) unionId: string, @Query() q: ExportRangeDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return attachment(await this.service.journal(unionId, q.from, q.to, actor), 'text/plain; charset=utf-8');
  }
}
