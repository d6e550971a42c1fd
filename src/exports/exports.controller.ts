import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ExportJob } from './export-jobs.repository';
import { DIRECT_LIMIT, ExportsService, extensionOf } from './exports.service';
import { CreateExportDto, EXPORT_REQUEST_EXAMPLES, ExportJobResponse, ExportRangeDto, ExportRequestDto } from './dto/export.dto';
import { CenterExportsService } from './center-exports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP = 'application/zip';

/** 审计导出: Excel workbooks of a union's books for auditors, as background jobs or, when small, at once. */
@ApiTags('exports')
@Controller('api/unions/:unionId')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post('exports')
  @HttpCode(202)
  @Permission('exports:create')
  @ApiOperation({
    summary: '新建导出任务',
    description: '在后台导出本工会 from–to 的账表（Excel；pdf=true 时连同 PDF 打成 zip）：GET …/exports/{id} 查看进度，完成后 GET …/exports/{id}/file 下载；文件保留一段时间后删除。',
  })
  @ApiAcceptedResponse({ type: ExportJobResponse, description: '已排队的导出任务' })
  @ApiExamples(CreateExportDto, EXPORT_REQUEST_EXAMPLES)
  @ApiErrors('PERIOD_RANGE_INVALID')
  async createUnionExport(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateExportDto, @CurrentActor() actor: Actor): Promise<ExportJobResponse> {
    return present(await this.exports.create({ unionId, ...dto }, actor));
  }

  @Get('exports/:id')
  @Permission('exports:create')
  @ApiOperation({ summary: '导出任务进度', description: '状态、进度（已写行数/预计行数）、完成后的文件名、大小、SHA-256 和保留期限。' })
  @ApiOkResponse({ type: ExportJobResponse })
  async getUnionExport(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ExportJobResponse> {
    return present(await this.exports.get({ unionId }, id));
  }

  @Get('exports/:id/file')
  @Permission('exports:create')
  @ApiOperation({ summary: '下载导出文件', description: '完成后、保留期内下载导出的工作簿（附 PDF 的导出为 zip）；未完成 409，过期 410。' })
  @ApiFileResponse([XLSX, ZIP], '导出的工作簿，或工作簿与 PDF 的 zip')
  @ApiErrors('EXPORT_NOT_READY', 'EXPORT_EXPIRED')
  async downloadUnionExport(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { job, stream } = await this.exports.file({ unionId }, id);
    const ext = extensionOf(job);
    return new StreamableFile(stream, { type: ext === 'zip' ? ZIP : XLSX, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName ?? `${id}.${ext}`)}` });
  }

  @Get('export')
  @Permission('exports:create')
  @ApiOperation({
    summary: '直接下载账表',
    description: `小的导出直接以工作簿返回（默认不超过 ${DIRECT_LIMIT} 行，EXPORT_DIRECT_ROWS 可调）；更大的导出请用 POST …/exports。`,
  })
  @ApiFileResponse([XLSX], '导出的工作簿')
  @ApiErrors('PERIOD_RANGE_INVALID', 'EXPORT_TOO_LARGE_FOR_DIRECT')
  async downloadUnionExportDirect(@Param('unionId', UuidParam) unionId: string, @Query() query: ExportRequestDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { fileName, stream } = await this.exports.direct({ unionId, ...query }, actor);
    return new StreamableFile(stream, { type: XLSX, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }
}

/** A center's export: every union's audit pack in one .zip, with a summary workbook. */
@ApiTags('exports')
@Controller('api/centers/:centerId/exports')
export class CenterExportsController {
  constructor(
    private readonly centers: CenterExportsService,
    private readonly exports: ExportsService,
  ) {}

  @Post()
  @HttpCode(202)
  @Permission('exports:create')
  @ApiOperation({
    summary: '新建中心资料包',
    description: '在后台把本中心全部工会 from–to 的审计资料（每个工会一个工作簿）和汇总表打成一个 zip；进度与下载同工会导出。',
  })
  @ApiAcceptedResponse({ type: ExportJobResponse, description: '已排队的导出任务' })
  @ApiExamples(ExportRangeDto, { 全年: { from: '2026-01', to: '2026-12' } })
  @ApiErrors('PERIOD_RANGE_INVALID')
  async createCenterExport(@Param('centerId', UuidParam) centerId: string, @Body() dto: ExportRangeDto, @CurrentActor() actor: Actor): Promise<ExportJobResponse> {
    return present(await this.centers.create(centerId, dto, actor));
  }

  @Get(':id')
  @Permission('exports:create')
  @ApiOperation({ summary: '中心资料包进度', description: '状态、进度、完成后的文件信息和保留期限。' })
  @ApiOkResponse({ type: ExportJobResponse })
  async getCenterExport(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<ExportJobResponse> {
    return present(await this.exports.get({ centerId }, id));
  }

  @Get(':id/file')
  @Permission('exports:create')
  @ApiOperation({ summary: '下载中心资料包', description: '完成后、保留期内下载 zip；未完成 409，过期 410。' })
  @ApiFileResponse(['application/zip'], '资料包')
  @ApiErrors('EXPORT_NOT_READY', 'EXPORT_EXPIRED')
  async downloadCenterExport(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { job, stream } = await this.exports.file({ centerId }, id);
    return new StreamableFile(stream, { type: 'application/zip', disposition: `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName ?? `${id}.zip`)}` });
  }
}

function present(job: ExportJob): ExportJobResponse {
  return {
    id: job.id,
    unionId: job.unionId,
    kind: job.kind,
    from: job.params.from,
    to: job.params.to,
    state: job.state,
    percent: job.percent,
    rowsDone: job.rowsDone,
    rowsTotal: job.rowsTotal,
    fileName: job.fileName,
    fileSize: job.fileSize === null ? null : Number(job.fileSize),
    sha256: job.sha256,
    error: job.error,
    attempts: job.attempts,
    createdBy: job.createdByName,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
    expiresAt: job.expiresAt ? new Date(job.expiresAt).toISOString() : null,
  };
}
