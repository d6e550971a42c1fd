import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, Public } from '../auth/permission.decorator';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import { UuidParam } from '../common/http/uuid.pipe';
import { CheckpointsService } from './checkpoints.service';
import { IntegrityReportResponse, PublicKeyResponse } from './dto/integrity.dto';
import { IntegrityReport, IntegrityService } from './integrity.service';

@ApiTags('audit')
@Controller('api')
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly checkpoints: CheckpointsService,
  ) {}

  @Get('unions/:unionId/integrity')
  @Permission('integrity:read')
  @ApiOperation({
    summary: '完整性校验',
    description:
      '在同一快照中重算本工会的操作日志链、账簿链（凭证及其元数据、冲销、期初余额、结账与反结账、报销单及其记录、资金预留）和历史凭证链，' +
      '与最近的签名检查点比对，逐行比对现状与记录，重算余额、凭证编号并做勾稽校验；ok=false 表示账簿或日志被绕过系统改动。',
  })
  @ApiOkResponse({ type: IntegrityReportResponse })
  verifyIntegrity(@Param('unionId', UuidParam) unionId: string): Promise<IntegrityReport> {
    return this.integrity.verify(unionId);
  }

  /** Public on purpose: anyone holding an exported cover checks its signature with this key. */
  @Get('integrity/public-key')
  @Public()
  @ApiOperation({ summary: '检查点签名公钥', description: '签署链头检查点的 Ed25519 公钥及其指纹：审计人员据此离线核验导出资料封面上的签名检查点。' })
  @ApiOkResponse({ type: PublicKeyResponse })
  @ApiErrors('INTERNAL_ERROR')
  getCheckpointPublicKey(): PublicKeyResponse {
    return this.checkpoints.publicKey;
  }
}
