import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { ClaimRulesService } from './claim-rules.service';
import { ClaimSettings, StoredRuleSet } from './claim-settings.repository';
import { ClaimSettingsDto, CreateRuleSetDto } from './dto/claim-settings.dto';

/** A center's claim settings (thresholds, cash, pooled account) and its compliance rule sets. */
@ApiTags('claims')
@Controller('api')
export class ClaimSettingsController {
  constructor(private readonly rules: ClaimRulesService) {}

  @Get('centers/:centerId/claim-settings')
  @Permission('claims:read')
  async settings(@Param('centerId', UuidParam) centerId: string) {
    return presentSettings(await this.rules.settings(centerId));
  }

  @Put('centers/:centerId/claim-settings')
  @Permission('claims:configure')
  @ApiOkResponse({ description: '保存中心报销设置' })
  async saveSettings(@Param('centerId', UuidParam) centerId: string, @Body() dto: ClaimSettingsDto, @CurrentActor() actor: Actor) {
    return presentSettings(await this.rules.saveSettings(centerId, dto, actor));
  }

  @Get('centers/:centerId/claim-rules')
  @Permission('claims:read')
  @ApiOkResponse({ description: '本中心的规则集（按生效日期倒序）' })
  listRuleSets(@Param('centerId', UuidParam) centerId: string): Promise<StoredRuleSet[]> {
    return this.rules.listRuleSets(centerId);
  }

  @Post('centers/:centerId/claim-rules')
  @Permission('claims:configure')
  @ApiCreatedResponse({ description: '新建规则集（预置或自定义）；已保存的规则集不能修改，以新的生效日期另建' })
  createRuleSet(@Param('centerId', UuidParam) centerId: string, @Body() dto: CreateRuleSetDto, @CurrentActor() actor: Actor): Promise<StoredRuleSet> {
    return this.rules.createRuleSet(centerId, dto, actor);
  }

  @Get('claim-rule-presets')
  @Authenticated()
  @ApiOkResponse({ description: '默认规则与各省预置规则（见 docs/claims.md）' })
  presets() {
    return this.rules.presets();
  }
}

function presentSettings(s: ClaimSettings) {
  return {
    centerId: s.centerId,
    committeeThreshold: s.committeeThreshold.toFixed(2),
    cashLimit: s.cashLimit.toFixed(2),
    allowCashAboveLimit: s.allowCashAboveLimit,
    pooledAccount: { bankName: s.pooledBankName, accountName: s.pooledAccountName, accountNo: s.pooledAccountNo },
    updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}
