import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import Decimal from 'decimal.js';
import { Permission } from '../auth/permission.decorator';
import { Actor, CurrentActor } from '../common/http/actor.decorator';
import { UuidParam } from '../common/http/uuid.pipe';
import { CancelFixedAssetDto, CreateFixedAssetDto, DisposeFixedAssetDto, UpdateFixedAssetDto } from './dto/fixed-asset.dto';
import { AssetCard } from './fixed-assets.repository';
import { FixedAssetsService } from './fixed-assets.service';

/** 固定资产卡片: the register of a union's fixed assets, their depreciation and disposal. */
@ApiTags('fixed-assets')
@Controller('api/unions/:unionId/fixed-assets')
export class FixedAssetsController {
  constructor(private readonly assets: FixedAssetsService) {}

  @Get()
  @Permission('books:read')
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'disposed', 'cancelled'] })
  @ApiOkResponse({ description: '固定资产卡片，及与 162/163 科目余额的核对' })
  async list(@Param('unionId', UuidParam) unionId: string, @Query('status') status?: string) {
    const { items, reconciliation } = await this.assets.list(unionId, ['active', 'disposed', 'cancelled'].includes(status ?? '') ? (status as AssetCard['status']) : undefined);
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
  async get(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string) {
    return present(await this.assets.get(unionId, id));
  }

  @Post()
  @Permission('assets:manage')
  @ApiCreatedResponse({ description: '新建卡片：启用前已有的资产（填取得日期、期初累计折旧），或手工购置凭证的资产（填 voucherId）' })
  async create(@Param('unionId', UuidParam) unionId: string, @Body() dto: CreateFixedAssetDto, @CurrentActor() actor: Actor) {
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
  async update(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: UpdateFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.update(unionId, id, dto, actor));
  }

  @Post(':id/dispose')
  @HttpCode(200)
  @Permission('assets:manage')
  @ApiOkResponse({ description: '处置（报废、出售、对外捐赠）：按账面价值冲减资产基金，处置收入计入其他收入' })
  async dispose(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: DisposeFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.dispose(unionId, id, { ...dto, proceeds: new Decimal(dto.proceeds ?? 0) }, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Permission('assets:manage')
  @ApiOkResponse({ description: '注销误建的卡片（尚未计提折旧）；此后其购置凭证可以冲销' })
  async cancel(@Param('unionId', UuidParam) unionId: string, @Param('id', UuidParam) id: string, @Body() dto: CancelFixedAssetDto, @CurrentActor() actor: Actor) {
    return present(await this.assets.cancel(unionId, id, dto.reason, actor));
  }
}

function present(c: AssetCard) {
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
      ? { kind: c.disposalKind, date: c.disposalDate, proceeds: c.disposalProceeds?.toFixed(2) ?? '0.00', reason: c.disposalReason, voucherId: c.disposalVoucherId }
      : null,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
