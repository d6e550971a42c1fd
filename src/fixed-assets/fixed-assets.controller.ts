import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiExamples } from '../common/openapi/api-docs.decorators';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { CancelFixedAssetDto, CreateFixedAssetDto, DisposeFixedAssetDto, FixedAssetListQuery, FixedAssetListResponse, FixedAssetResponse, UpdateFixedAssetDto } from './dto/fixed-asset.dto';
import { AssetCard } from './fixed-assets.repository';
import { FixedAssetsService } from './fixed-assets.service';

/** 固定资产卡片: the register of a union's fixed assets, their depreciation and disposal. */
@ApiTags('fixed-assets')
@Controller('api/unions/:unionId/fixed-assets')
export class FixedAssetsController {
  constructor(private readonly assets: FixedAssetsService) {}

  @Get()
  @Permission('books:read')
  @ApiOperation({ summary: '固定资产卡片', description: '本工会的固定资产卡片（可按状态筛选），及在用卡片与 162 固定资产、163 累计折旧科目余额的核对。' })
  @ApiOkResponse({ type: FixedAssetListResponse })
  async listFixedAssets(@Param('unionId', UuidParam) unionId: string, @Query() q: FixedAssetListQuery): Promise<FixedAssetListResponse> {
    const { items, reconciliation } = await this.assets.list(unionId, q.status);
    return {
      items: items.map(present),
      reconciliation: {
        cards: { cost: reconciliation.cards.cost.toFixed(2), depreciation: reconciliation.cards.depreciation.toFixed(2) },
        ledger: { cost: reconciliation.ledger.cost.toFixed(2), depreciation: reconciliation.ledger.depreciation.toFixed(2) },
      },
    };
  }

  @Get(':id')
  @Permission('books:read')
  @ApiOperation({ summary: '固定资产卡片详情', description: '原值、取得日期、使用年限、累计折旧、净值、购置凭证与处置情况。' })
  @ApiOkResponse({ type: FixedAssetResponse })
  async getFixedAsset(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return present(await this.assets.get(unionId, id));
  }

  @Post()
  @Permission('assets:manage')
  @ApiOperation({
    summary: '新建固定资产卡片',
    description: '启用前已有的资产填取得日期和期初累计折旧；启用后手工凭证购置的资产填购置凭证（取得日期为凭证日期）。报销支付购置的资产自动建卡。',
  })
  @ApiCreatedResponse({ type: FixedAssetResponse })
  @ApiExamples(CreateFixedAssetDto, {
    启用前已有: { name: '会议桌', category: 'general', cost: '3000.00', usefulLifeMonths: 180, acquisitionDate: '2022-01-05', openingDepreciation: '1200.00' },
    手工凭证购置: { name: '打印机', category: 'general', cost: '1500.00', usefulLifeMonths: 72, voucherId: '01936f3e-7a4b-7c2d-9e8f-0123456789ab' },
  })
  @ApiErrors('ASSET_COST_INVALID', 'ASSET_ORIGIN_INVALID', 'AMOUNT_INVALID', 'UNION_WITHDRAWN')
  async createFixedAsset(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(
      await this.assets.create(
        unionId,
        { ...dto, cost: new Decimal(dto.cost), openingDepreciation: dto.openingDepreciation ? new Decimal(dto.openingDepreciation) : undefined },
        actor,
      ),
    );
  }

  @Patch(':id')
  @Permission('assets:manage')
  @ApiOperation({ summary: '修改固定资产卡片', description: '名称随时可改；类别、使用年限和累计折旧科目只能在首次计提折旧前修改（第三十五条）。' })
  @ApiOkResponse({ type: FixedAssetResponse })
  @ApiExamples(UpdateFixedAssetDto, { 改使用年限: { usefulLifeMonths: 96 } })
  @ApiErrors('ASSET_NOT_ACTIVE', 'ASSET_DEPRECIATING', 'UNION_WITHDRAWN')
  async updateFixedAsset(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.update(unionId, id, dto, actor));
  }

  @Post(':id/dispose')
  @HttpCode(200)
  @Permission('assets:manage')
  @ApiOperation({
    summary: '处置固定资产',
    description: '报废、出售或对外捐赠：生成处置凭证（借 资产基金—固定资产、累计折旧，贷 固定资产；处置收入借 集中核算户、贷 其他收入）。当月不再计提折旧。',
  })
  @ApiOkResponse({ type: FixedAssetResponse })
  @ApiExamples(DisposeFixedAssetDto, { 出售: { kind: 'sale', date: '2026-06-30', proceeds: '800.00', reason: '经工会委员会同意出售' } })
  @ApiErrors('ASSET_NOT_ACTIVE', 'ASSET_DATE_INVALID', 'AMOUNT_INVALID', 'PERIOD_CLOSED', 'PERIOD_BEFORE_START', 'UNION_WITHDRAWN')
  async disposeFixedAsset(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: DisposeFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.dispose(unionId, id, { ...dto, proceeds: new Decimal(dto.proceeds ?? 0) }, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('assets:manage')
  @ApiOperation({ summary: '注销固定资产卡片', description: '注销误建的卡片（尚未计提折旧），不生成凭证；此后其购置凭证可以红字冲销。' })
  @ApiOkResponse({ type: FixedAssetResponse })
  @ApiExamples(CancelFixedAssetDto, { 误建: { reason: '误将维修费资本化' } })
  @ApiErrors('ASSET_NOT_ACTIVE', 'ASSET_DEPRECIATING', 'UNION_WITHDRAWN')
  async cancelFixedAsset(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CancelFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.cancel(unionId, id, dto.reason, actor));
  }
}

function present(c: AssetCard): FixedAssetResponse {
  return {
    id: c.id,
    number: c.number,
    name: c.name,
    category: c.category,
    cost: c.cost.toFixed(2),
    acquisitionDate: c.acquisitionDate,
    usefulLifeMonths: c.usefulLifeMonths,
    method: 'straight_line',
    status: c.status,
    origin: c.origin,
    accumulatedDepreciation: c.accumulated.toFixed(2),
    bookValue: c.cost.minus(c.accumulated).toFixed(2),
    lastDepreciated: c.lastDepreciated === null ? null : `${Math.floor(c.lastDepreciated / 100)}-${String(c.lastDepreciated % 100).padStart(2, '0')}`,
    accounts: { asset: c.assetAccount, fund: c.fundAccount, depreciation: c.depreciationAccount },
    voucherId: c.voucherId,
    claimId: c.claimId,
    disposal: c.disposalDate
      ? { kind: c.disposalKind ?? 'scrap', date: c.disposalDate, proceeds: c.disposalProceeds?.toFixed(2) ?? '0.00', reason: c.disposalReason, voucherId: c.disposalVoucherId }
      : null,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
