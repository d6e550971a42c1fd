import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../auth/permission.decorator';
import { ApiErrors, ApiExamples, ApiFileResponse } from '../common/openapi/api-docs.decorators';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { formatPeriod } from '../common/period';
import { ArchivePackage } from './archive-packages.repository';
import { ArchiveService } from './archive.service';
import { ArchivePackageResponse, ArchiveVerificationResponse, CreateArchiveDto } from './dto/archive.dto';

/** 会计档案: a union's closed months and years as signed archive packages, their register, download and check. */
@ApiTags('archive')
@Controller('api/unions/:unionId/archives')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Post()
  @HttpCode(202)
  @Permission('archive:manage')
  @ApiOperation({
    summary: '归档',
    description: '在后台把本工会一个已结账月份或已年终结账年度的凭证、原始凭证、账簿、报表、银行对账单和审计日志打成签名的档案包（zip）；同一范围再次归档生成新版本，旧版本保留。未结账 409。',
  })
  @ApiAcceptedResponse({ type: ArchivePackageResponse, description: '已排队的档案包' })
  @ApiExamples(CreateArchiveDto, { 月度: { scope: 'month', period: '2026-01' }, 年度: { scope: 'year', period: '2026' } })
  @ApiErrors('ARCHIVE_PERIOD_OPEN', 'ARCHIVE_SCOPE_INVALID')
  async createArchive(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateArchiveDto, @CurrentActor() actor: Actor): Promise<ArchivePackageResponse> {
    return present(await this.archive.create(unionId, dto, actor));
  }

  @Post('handover')
  @HttpCode(202)
  @Permission('archive:manage')
  @ApiOperation({
    summary: '全部数据移交',
    description: '把本工会全部期间（含未结账的）的账簿资料打成一个档案包，交给工会（数据归工会所有）；进度、下载、校验同档案包。',
  })
  @ApiAcceptedResponse({ type: ArchivePackageResponse, description: '已排队的移交包' })
  @ApiErrors('ARCHIVE_SCOPE_INVALID')
  async handoverArchive(@Param('unionId', UuidParam) unionId: string, @CurrentActor() actor: Actor): Promise<ArchivePackageResponse> {
    return present(await this.archive.handover(unionId, actor));
  }

  @Get()
  @Permission('archive:read')
  @ApiOperation({ summary: '档案登记簿', description: '本工会的全部档案包：范围、版本、生成人和时间、大小、SHA-256、保管期限，新的在前。' })
  @ApiOkResponse({ type: [ArchivePackageResponse] })
  async listArchives(@Param('unionId', UuidParam) unionId: string): Promise<ArchivePackageResponse[]> {
    return (await this.archive.list(unionId)).map(present);
  }

  @Get(':id')
  @Permission('archive:read')
  @ApiOperation({ summary: '档案包', description: '一个档案包的登记信息和生成进度。' })
  @ApiOkResponse({ type: ArchivePackageResponse })
  async getArchive(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ArchivePackageResponse> {
    return present(await this.archive.get(unionId, id));
  }

  @Get(':id/file')
  @Permission('archive:read')
  @ApiOperation({ summary: '下载档案包', description: '生成完成后下载 zip；未完成 409。' })
  @ApiFileResponse(['application/zip'], '档案包')
  @ApiErrors('ARCHIVE_NOT_READY', 'ARCHIVE_FILE_MISSING')
  async downloadArchive(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const { pkg, stream } = await this.archive.file(unionId, id, actor);
    return new StreamableFile(stream, { type: 'application/zip', disposition: `attachment; filename*=UTF-8''${encodeURIComponent(pkg.fileName ?? `${id}.zip`)}` });
  }

  @Get(':id/verification')
  @Permission('archive:read')
  @ApiOperation({
    summary: '校验档案包',
    description: '按“四性”检测档案目录中的档案包：真实性（元数据签名、账簿链检查点签名、本中心密钥）、完整性（每个登记的文件都在且哈希相符、没有多余文件）、可用性（文件能按其类型打开）、安全性（无越界路径和不允许的类型），并核对 zip 的 SHA-256 与登记簿一致。',
  })
  @ApiOkResponse({ type: ArchiveVerificationResponse })
  @ApiErrors('ARCHIVE_NOT_READY', 'ARCHIVE_FILE_MISSING')
  async verifyArchive(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string): Promise<ArchiveVerificationResponse> {
    const { manifest: _manifest, ...result } = await this.archive.verify(unionId, id);
    return result;
  }
}

function present(p: ArchivePackage): ArchivePackageResponse {
  return {
    id: p.id,
    unionId: p.unionId,
    scope: p.scope,
    from: formatPeriod(p.periodFrom),
    to: formatPeriod(p.periodTo),
    version: p.version,
    state: p.state,
    fileName: p.fileName,
    fileSize: p.fileSize === null ? null : Number(p.fileSize),
    sha256: p.sha256,
    itemCount: p.itemCount,
    retention: p.retention,
    error: p.error,
    attempts: p.attempts,
    createdBy: p.createdByName,
    createdAt: new Date(p.createdAt).toISOString(),
    finishedAt: p.finishedAt ? new Date(p.finishedAt).toISOString() : null,
  };
}
