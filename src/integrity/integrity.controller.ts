import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission, Public } from '../auth/permission.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { CheckpointsService } from './checkpoints.service';
import { IntegrityReport, IntegrityService } from './integrity.service';

@ApiTags('integrity')
@Controller('api')
export class IntegrityController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly checkpoints: CheckpointsService,
  ) {}

  @Get('unions/:unionId/integrity')
  @Permission('integrity:read')
  @ApiOkResponse({ description: '在同一快照中重算操作日志链、账簿链（含凭证、冲销、期初、结账、报销、资金预留）、余额与编号，并与最近的签名检查点比对' })
  verify(@Param('unionId', UuidParam) unionId: string): Promise<IntegrityReport> {
    return this.integrity.verify(unionId);
  }

  /** Public on purpose: anyone holding an exported cover checks its signature with this key. */
  @Get('integrity/public-key')
  @Public()
  @ApiOkResponse({ description: '检查点签名公钥（Ed25519）及其指纹，用于离线核验导出封面' })
  publicKey(): { algorithm: 'Ed25519'; key: string; fingerprint: string; pem: string } {
    return this.checkpoints.publicKey;
  }
}
