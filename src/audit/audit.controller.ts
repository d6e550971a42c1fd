import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/openapi/api-docs.decorators';
import { Permission } from '../auth/permission.decorator';
import { Page } from '../common/http/pagination.dto';
import { UuidParam } from '../common/http/uuid.pipe';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';
import { AuditLogQuery, AuditRecordResponse } from './dto/audit.dto';

@ApiTags('audit')
@Controller('api')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('unions/:unionId/audit-log')
  @Permission('audit:read')
  @ApiOperation({
    summary: '工会操作日志',
    description: '本工会的操作日志（哈希链），按序号倒序；可按用户、动作（或其前缀）、时间范围筛选，分页。',
  })
  @ApiPageResponse(AuditRecordResponse, '操作日志，分页')
  async listUnionAuditLog(@Param('unionId', UuidParam) unionId: string, @Query() q: AuditLogQuery): Promise<Page<AuditRecordResponse>> {
    return present(await this.audit.list(unionId, filter(q)));
  }

  @Get('audit-log')
  @Permission('users:manage')
  @ApiOperation({ summary: '系统操作日志', description: '不属于某个工会的操作：登录、用户、授权、核算中心；筛选与分页同工会操作日志。' })
  @ApiPageResponse(AuditRecordResponse, '操作日志，分页')
  async listServiceAuditLog(@Query() q: AuditLogQuery): Promise<Page<AuditRecordResponse>> {
    return present(await this.audit.list(null, filter(q)));
  }

}

function filter(q: AuditLogQuery) {
  return {
    user: q.user,
    action: q.action,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    page: q.page,
    pageSize: q.pageSize,
  };
}

function present(page: Page<AuditEntry>): Page<AuditRecordResponse> {
  return {
    ...page,
    items: page.items.map((a) => ({
      seq: Number(a.seq),
      at: a.at.toISOString(),
      userId: a.userId,
      username: a.username,
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId,
      before: a.before,
      after: a.after,
      requestId: a.requestId,
      clientIp: a.clientIp,
      prevHash: a.prevHash,
      hash: a.hash,
    })),
  };
}
