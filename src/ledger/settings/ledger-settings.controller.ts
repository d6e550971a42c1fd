import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../auth/permission.decorator';
import { Actor, CurrentActor } from '../../common/http/actor.decorator';
import { UuidParam } from '../../common/http/uuid.pipe';
import { LedgerSettingsDto, LedgerSettingsResponse } from './dto/ledger-settings.dto';
import { LedgerSettingsService } from './ledger-settings.service';

/** 中心核算设置: what a center decides about its books (one-person reversal, fixed-asset thresholds, 会计主管). */
@ApiTags('ledger')
@Controller('api/centers/:centerId/ledger-settings')
export class LedgerSettingsController {
  constructor(private readonly service: LedgerSettingsService) {}

  @Get()
  @Permission('books:read')
  @ApiOkResponse({ type: LedgerSettingsResponse, description: '本中心核算设置（未设置时为默认值）' })
  get(@Param('centerId', UuidParam) centerId: string): Promise<LedgerSettingsResponse> {
    return this.service.get(centerId);
  }

  @Put()
  @Permission('ledger:configure')
  @ApiOkResponse({ type: LedgerSettingsResponse, description: '保存本中心核算设置（中心主任）' })
  save(@Param('centerId', UuidParam) centerId: string, @Body() dto: LedgerSettingsDto, @CurrentActor() actor: Actor): Promise<LedgerSettingsResponse> {
    return this.service.save(centerId, dto, actor);
  }
}
