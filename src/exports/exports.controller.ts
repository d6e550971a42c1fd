import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ExportJob } from './export-jobs.repository';
import { DIRECT_LIMIT, ExportsService } from './exports.service';
import { ExportRangeDto, ExportRequestDto } from './dto/export.dto';
import { CenterExportsService } from './center-exports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 审计导出: Excel workbooks of a union's books for auditors, as background jobs or, when small, at once. */
@ApiTags('exports')
@Controller('api/unions/:unionId')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post('exports')
  @HttpCode(202)
  @Permission('exports:create')
  @ApiAcceptedResponse({ description: '后台导出任务：GET …/exports/:id 查看进度，完成后 GET …/exports/:id/file 下载' })
  async create(@Param('unionId', UuidParam) unionId: string, @Body() dto: ExportRequestDto, @CurrentActor() actor: Actor) {
    return present(await this.exports.create({ unionId, ...dto }, actor));
  }

  @Get('exports/:id')
  @Permission('exports:create')
  @ApiOkResponse({ description: '导出任务状态与进度（percent）' })
  async get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return present(await this.exports.get({ unionId }, id));
  }

  @Get('exports/:id/file')
  @Permission('exports:create')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '导出的工作簿（完成后、保留期内）' })
  async file(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { job, stream } = await this.exports.file({ unionId }, id);
    return new StreamableFile(stream, { type: XLSX, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName ?? `${id}.xlsx`)}` });
  }

  @Get('export')
  @Permission('exports:create')
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: `直接下载（不超过 ${DIRECT_LIMIT} 行；更大的导出请用 POST …/exports）` })
  async direct(@Param('unionId', UuidParam) unionId: string, @Query() query: ExportRequestDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
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
  @ApiAcceptedResponse({ description: '本中心全部工会的审计资料包（zip）及汇总表；后台任务' })
  async create(@Param('centerId', UuidParam) centerId: string, @Body() dto: ExportRangeDto, @CurrentActor() actor: Actor) {
    return present(await this.centers.create(centerId, dto, actor));
  }

  @Get(':id')
  @Permission('exports:create')
  async get(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string) {
    return present(await this.exports.get({ centerId }, id));
  }

  @Get(':id/file')
  @Permission('exports:create')
  @ApiProduces('application/zip')
  async file(@Param('centerId', UuidParam) centerId: string, @Param('id', UuidParam) id: string): Promise<StreamableFile> {
    const { job, stream } = await this.exports.file({ centerId }, id);
    return new StreamableFile(stream, { type: 'application/zip', disposition: `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName ?? `${id}.zip`)}` });
  }
}

function present(job: ExportJob) {
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
    createdBy: job.createdByName,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
    expiresAt: job.expiresAt ? new Date(job.expiresAt).toISOString() : null,
  };
}
