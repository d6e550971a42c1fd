import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import { ClaimSettingsResponse, RulePresetsResponse, RuleSetResponse } from './dto/claim-settings-response.dto';
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
  @ApiOperation({ summary: '中心报销设置', description: '集体研究金额、现金支付限额、是否允许超限现金支付、中心统一账户；未保存过时为默认值。' })
  @ApiOkResponse({ type: ClaimSettingsResponse })
  async getClaimSettings(@Param('centerId', UuidParam) centerId: string): Promise<ClaimSettingsResponse> {
    return presentSettings(await this.rules.settings(centerId));
  }

  @Put('centers/:centerId/claim-settings')
  @Permission('claims:configure')
  @ApiOperation({ summary: '保存中心报销设置', description: '整体保存本中心的报销设置（中心主任）；记入操作日志。' })
  @ApiOkResponse({ type: ClaimSettingsResponse, description: '保存后的设置' })
  @ApiExamples(ClaimSettingsDto, {
    默认限额: {
      committeeThreshold: '5000.00',
      cashLimit: '1000.00',
      allowCashAboveLimit: false,
      pooledBankName: '中国工商银行某某支行',
      pooledAccountName: '某某市总工会经费集中核算户',
      pooledAccountNo: '1202020209000012345',
    },
  })
  @ApiErrors('AMOUNT_INVALID')
  async saveClaimSettings(@Param('centerId', UuidParam) centerId: string, @Body() dto: ClaimSettingsDto, @CurrentActor() actor: Actor): Promise<ClaimSettingsResponse> {
    return presentSettings(await this.rules.saveSettings(centerId, dto, actor));
  }

  @Get('centers/:centerId/claim-rules')
  @Permission('claims:read')
  @ApiOperation({ summary: '报销审核规则集', description: '本中心的规则集，按生效日期倒序；报销单适用其业务发生日期当天生效的那一个。' })
  @ApiOkResponse({ type: [RuleSetResponse], description: '本中心的规则集（按生效日期倒序）' })
  listClaimRuleSets(@Param('centerId', UuidParam) centerId: string): Promise<StoredRuleSet[]> {
    return this.rules.listRuleSets(centerId);
  }

  @Post('centers/:centerId/claim-rules')
  @Permission('claims:configure')
  @ApiOperation({
    summary: '新建规则集',
    description: '以预置规则（preset）或自定义内容（rules）新建规则集，二者选一；已保存的规则集不能修改，修改规则请以新的生效日期另建。',
  })
  @ApiCreatedResponse({ type: RuleSetResponse, description: '新规则集' })
  @ApiExamples(CreateRuleSetDto, {
    采用预置规则: { name: '2027年度报销审核规则', effectiveFrom: '2027-01-01', preset: 'anhui-2018' },
    自定义: {
      name: '2027年度报销审核规则（自定义）',
      effectiveFrom: '2027-01-01',
      rules: {
        prohibitedKinds: ['banquet'],
        caps: [{ kind: 'holiday_gift', basis: 'member-year', amount: '1800.00' }],
        requiredDocuments: [{ kind: 'holiday_gift', documents: ['invoice', 'distribution_list'] }],
      },
    },
  })
  @ApiErrors('RULE_SET_INVALID', 'RULE_SET_EXISTS')
  createClaimRuleSet(@Param('centerId', UuidParam) centerId: string, @Body() dto: CreateRuleSetDto, @CurrentActor() actor: Actor): Promise<StoredRuleSet> {
    return this.rules.createRuleSet(centerId, dto, actor);
  }

  @Get('claim-rule-presets')
  @Authenticated()
  @ApiOperation({ summary: '预置规则', description: '系统默认规则与各省预置规则（依据见 docs/claims.md），供新建规则集时选用。' })
  @ApiOkResponse({ type: RulePresetsResponse, description: '默认规则与各省预置规则' })
  listClaimRulePresets(): RulePresetsResponse {
    const { default: fallback, presets } = this.rules.presets();
    return { default: fallback, presets: [...presets] };
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
